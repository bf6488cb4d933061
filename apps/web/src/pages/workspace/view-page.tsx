import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useErrorText } from '../../lib/api';
import { useLanguage } from '../../lib/i18n';
import { usePeople } from '../../modules/people';
import { useSession } from '../../modules/session';
import {
  ALL_TICKETS, BulkBar, ticketKeys, useAgents, useGroups, usePrefetchTicket, useTicketList, WorkspaceTable, type Page, type ServerSort, type Ticket,
} from '../../modules/tickets';
import { useViews, useViewTickets, viewKeys, viewRefOf, viewTitle } from '../../modules/views';
import { Button, Card, ErrorAlert, Flex, Result, Typography } from '../../ui';
import { useShortcutHandlers, useWorkspace } from './workspace-context';

/** `/views/:viewId`: one view's tickets. */
export function ViewPage() {
  const { viewId = '' } = useParams();
  const { t } = useTranslation();
  const { language } = useLanguage();
  const views = useViews();
  const view = views.data?.views.find((candidate) => candidate.id === viewId);
  // A clicked column orders the whole view on the server; each view keeps its own choice.
  const [sorts, setSorts] = useState<Record<string, ServerSort | null>>({});
  const ref = view ?? viewRefOf(viewId);
  const sort = ref.fallback ? null : (sorts[viewId] ?? null);
  // Read from the id in the address: the tickets need not wait for the list of views.
  const list = useViewTickets(ref, sort);
  if (views.data && !view) return <Result status="404" title={t('notFound.title')} />;
  return (
    <TicketListScreen
      title={view ? viewTitle(view, language) : ''}
      list={list}
      pending={list.isPending}
      origin={`/views/${viewId}`}
      refresh={[viewKeys.tickets(viewId), viewKeys.counts()]}
      emptyText={t('ws.list.empty')}
      serverSort={ref.fallback ? undefined : { value: sort, onChange: (next) => setSorts((current) => ({ ...current, [viewId]: next })) }}
    />
  );
}

/** `/tickets`: every ticket the agent may see, most recently updated first. */
export function AllTicketsPage() {
  const { t } = useTranslation();
  const list = useTicketList(ALL_TICKETS);
  return (
    <TicketListScreen
      title={t('tickets.title')}
      list={list}
      pending={list.isPending}
      origin="/tickets"
      refresh={[ticketKeys.lists(), viewKeys.counts()]}
      emptyText={t('tickets.empty')}
      allLoadedText={t('tickets.allLoaded')}
    />
  );
}

interface ListScreenProps {
  title: string;
  list: UseInfiniteQueryResult<InfiniteData<Page<Ticket>>>;
  pending: boolean;
  origin: string;
  refresh: ReadonlyArray<readonly unknown[]>;
  emptyText: string;
  allLoadedText?: string;
  serverSort?: { value: ServerSort | null; onChange: (sort: ServerSort | null) => void };
}

function TicketListScreen({ title, list, pending, origin, refresh, emptyText, allLoadedText, serverSort }: ListScreenProps) {
  const { t } = useTranslation();
  const errors = useErrorText();
  const navigate = useNavigate();
  const session = useSession().data;
  const workspace = useWorkspace();
  const tickets = useMemo(() => list.data?.pages.flatMap((page) => page.data) ?? [], [list.data]);
  const people = usePeople(tickets.flatMap((ticket) => [ticket.requester_id, ticket.assignee_id]));
  const groups = useGroups();
  const [selected, setSelected] = useState<string[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  // The agents are for bulk "assign": read once something is selected, not on every list.
  const agents = useAgents(selected.length > 0);
  const prefetch = usePrefetchTicket();

  // The ticket under the keyboard cursor is read ahead once the cursor rests on it.
  useEffect(() => {
    if (!cursor) return;
    const timer = setTimeout(() => prefetch(cursor), 150);
    return () => clearTimeout(timer);
  }, [cursor, prefetch]);

  // j/k on the ticket page walk this list, in this order.
  useEffect(() => {
    workspace.queue.current = tickets.map((ticket) => ticket.id);
    sessionStorage.setItem('switchboard.origin', JSON.stringify({ path: origin, title }));
  }, [tickets, workspace, origin, title]);
  // Selection and cursor keep only tickets still in the list.
  useEffect(() => {
    const ids = new Set(tickets.map((ticket) => ticket.id));
    setSelected((current) => (current.every((id) => ids.has(id)) ? current : current.filter((id) => ids.has(id))));
    setCursor((current) => (current && ids.has(current) ? current : null));
  }, [tickets]);

  const move = (step: 1 | -1) => {
    if (tickets.length === 0) return;
    const index = cursor ? tickets.findIndex((ticket) => ticket.id === cursor) : -1;
    const next = tickets[Math.min(tickets.length - 1, Math.max(0, index === -1 ? 0 : index + step))];
    setCursor(next.id);
    document.querySelector(`[data-row-key="${next.id}"]`)?.scrollIntoView({ block: 'nearest' });
  };
  useShortcutHandlers({
    next: () => move(1),
    previous: () => move(-1),
    reply: () => cursor && navigate(`/tickets/${cursor}`),
  });

  const groupNames = new Map((groups.data ?? []).map((group) => [group.id, group.name]));
  const selectedTickets = tickets.filter((ticket) => selected.includes(ticket.id));

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="baseline" gap={12}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="list-title">
          {title}
        </Typography.Title>
        <Typography.Text type="secondary" aria-live="polite">
          {list.isFetching && !list.isPending ? t('ws.list.refreshing') : tickets.length > 0 ? t('tickets.shown', { count: tickets.length }) : ''}
        </Typography.Text>
      </Flex>
      {selectedTickets.length > 0 && session && (
        <BulkBar
          tickets={selectedTickets}
          meId={session.user.id}
          agents={agents.data ?? []}
          groups={groups.data ?? []}
          refresh={refresh}
          onDone={() => setSelected([])}
        />
      )}
      {list.isError && !list.data ? (
        <ErrorAlert message={errors.describe(list.error)} onRetry={() => void list.refetch()} retryLabel={t('common.retry')} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <WorkspaceTable
            tickets={tickets}
            loading={pending}
            nameOf={(id) => people.get(id)?.name}
            isCustomer={(id) => people.get(id)?.role === 'customer'}
            groupName={(id) => groupNames.get(id)}
            selected={selected}
            onSelect={setSelected}
            cursor={cursor}
            emptyText={emptyText}
            serverSort={serverSort}
          />
          {tickets.length > 0 && (
            <Flex justify="center" style={{ padding: 12 }}>
              {list.hasNextPage ? (
                <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="load-more">
                  {t('ws.list.loadMore')}
                </Button>
              ) : (
                <Typography.Text type="secondary">{allLoadedText ?? t('ws.list.allLoaded', { count: tickets.length })}</Typography.Text>
              )}
            </Flex>
          )}
        </Card>
      )}
    </Flex>
  );
}
