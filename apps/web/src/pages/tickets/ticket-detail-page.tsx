import { ArrowLeftOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, useErrorText } from '../../lib/api';
import { usePeople } from '../../modules/people';
import { PresenceBar, usePresence } from '../../modules/presence';
import { can, useSession } from '../../modules/session';
import { CustomerPanel, customerQuery, requesterTicketsQuery } from '../../modules/customers';
import {
  Composer,
  ConflictDialog,
  FieldsPanel,
  HistoryList,
  MessageList,
  StatusSelect,
  StatusTag,
  useFieldNaming,
  useStatuses,
  useTicket,
  useTicketDraft,
  useTicketEvents,
  useTicketMessages,
  type ComposerCommands,
  type Ticket,
} from '../../modules/tickets';
import { Alert, Button, Card, ErrorAlert, Flex, PlainTabs, Result, Skeleton, Tooltip, Typography, useToast } from '../../ui';
import { neighbour } from '../workspace/shortcuts';
import { useShortcutHandlers, useWorkspace } from '../workspace/workspace-context';

/** Where the agent came from (a view or all tickets), for the back link. */
function readOrigin(): { path: string; title: string } | null {
  try {
    return JSON.parse(sessionStorage.getItem('switchboard.origin') ?? 'null');
  } catch {
    return null;
  }
}

/**
 * False for a page's first paint, true right after it. What the agent reads first (the
 * conversation, the reply box) is drawn first; the fields and the customer beside it follow a
 * frame later, instead of holding the whole page back. (useDeferredValue with an initial value
 * does the same in principle; measured on a newly shown route, its second render came up to a
 * second late.)
 */
function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setPainted(true), 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  return painted;
}

/** One ticket: conversation and composer, history, fields, the customer, and who else is here. */
export function TicketDetailPage() {
  const { ticketId = '' } = useParams();
  const { t } = useTranslation();
  const errors = useErrorText();
  const ticket = useTicket(ticketId);
  const origin = readOrigin();
  const back = (
    <Link to={origin?.path && origin.path !== '/tickets' ? origin.path : '/tickets'}>
      <ArrowLeftOutlined /> {origin?.path && origin.path !== '/tickets' ? origin.title : t('ticket.backToList')}
    </Link>
  );

  if (ticket.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  }
  if (ticket.isError) {
    const missing = ticket.error instanceof ApiError && (ticket.error.status === 404 || ticket.error.status === 400);
    return missing ? (
      <Result status="404" title={t('ticket.notFound')} extra={back} />
    ) : (
      <Flex vertical gap={16}>
        {back}
        <ErrorAlert message={errors.describe(ticket.error)} onRetry={() => void ticket.refetch()} retryLabel={t('common.retry')} />
      </Flex>
    );
  }
  return <TicketWorkspace key={ticket.data.id} ticket={ticket.data} back={back} />;
}

function TicketWorkspace({ ticket, back }: { ticket: Ticket; back: React.ReactNode }) {
  const { t } = useTranslation();
  const errors = useErrorText();
  const toast = useToast();
  const navigate = useNavigate();
  const workspace = useWorkspace();
  const session = useSession().data;
  const meId = session?.user.id;
  const role = session?.user.role;
  const canUpdate = can(role, 'tickets:update');
  const messages = useTicketMessages(ticket.id);
  const [tab, setTab] = useState('conversation');
  const events = useTicketEvents(ticket.id, tab === 'history');
  const [drafting, setDrafting] = useState(false);
  const complete = useAfterFirstPaint();
  const queryClient = useQueryClient();
  // The customer panel is drawn a moment later: its data is asked for now, with the page.
  useEffect(() => {
    void queryClient.prefetchQuery(customerQuery(ticket.requester_id));
    void queryClient.prefetchQuery(requesterTicketsQuery(ticket.requester_id));
  }, [queryClient, ticket.requester_id]);
  const presence = usePresence(ticket.id, drafting);
  const draft = useTicketDraft(ticket, meId);
  const statuses = useStatuses().data ?? [];
  const composer = useRef<ComposerCommands>(null);
  const people = usePeople([
    ticket.requester_id,
    ticket.assignee_id,
    draft.draft.assignee_id as string | null,
    ...(messages.data ?? []).map((message) => message.author_id),
    ...(events.data ?? []).map((event) => event.actor_id),
    draft.conflict?.actorId,
    ...Object.values(draft.conflict?.merge.rows ?? []).flatMap((row) => (row.field === 'assignee_id' ? [row.base, row.theirs, row.mine] : [])).map((v) => (v ? String(v) : null)),
  ]);
  const nameOf = (id: string) => people.get(id)?.name;
  const naming = useFieldNaming(nameOf);
  const closed = ticket.status === 'closed';
  const queue = workspace.queue.current;
  const previous = neighbour(queue, ticket.id, -1);
  const next = neighbour(queue, ticket.id, 1);

  const quickSave = async (change: Record<string, unknown>, done: string) => {
    if (!canUpdate || closed) return;
    if (await draft.save(change)) toast.success(done);
  };
  useShortcutHandlers({
    next: () => next && navigate(`/tickets/${next}`),
    previous: () => previous && navigate(`/tickets/${previous}`),
    reply: () => {
      setTab('conversation');
      composer.current?.focus('public');
    },
    note: () => {
      setTab('conversation');
      composer.current?.focus('internal');
    },
    assign: () => meId && void quickSave({ assignee_id: meId }, t('ws.shortcuts.assigned')),
    solve: () => {
      const solved = statuses.find((status) => status.category === 'solved' && status.is_default) ?? statuses.find((status) => status.category === 'solved');
      if (solved) void quickSave({ status_id: solved.id }, t('ws.shortcuts.solved'));
    },
  });

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" gap={12}>
        {back}
        <Flex gap={4}>
          <Tooltip title={`${t('ws.ticket.previous')} (k)`}>
            <Button size="small" icon={<LeftOutlined />} disabled={!previous} onClick={() => previous && navigate(`/tickets/${previous}`)} aria-label={t('ws.ticket.previous')} />
          </Tooltip>
          <Tooltip title={`${t('ws.ticket.next')} (j)`}>
            <Button size="small" icon={<RightOutlined />} disabled={!next} onClick={() => next && navigate(`/tickets/${next}`)} aria-label={t('ws.ticket.next')} />
          </Tooltip>
        </Flex>
      </Flex>
      <Flex justify="space-between" align="center" gap={16} wrap>
        <Flex align="center" gap={12} style={{ minWidth: 0, flex: 1 }}>
          <Typography.Text type="secondary" style={{ fontSize: 18 }}>
            #{ticket.number}
          </Typography.Text>
          {/* CSS ellipsis (the whole subject on hover): Typography's own ellipsis measures the text on every render. */}
          <Typography.Title
            level={3}
            style={{ margin: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
            title={ticket.subject}
            data-testid="ticket-subject"
          >
            {ticket.subject}
          </Typography.Title>
          <StatusTag category={ticket.status} name={ticket.status_name} />
        </Flex>
        <StatusSelect ticket={ticket} readOnly={!canUpdate} />
      </Flex>
      <PresenceBar users={presence} meId={meId} />
      {closed && <Alert type="info" showIcon title={t('ticket.closed')} />}
      <div className="sb-ticket">
        <Flex vertical gap={12} style={{ minWidth: 0 }}>
          <Card size="small" styles={{ body: { paddingTop: 0 } }}>
            <PlainTabs
              activeKey={tab}
              onChange={setTab}
              items={[
                {
                  key: 'conversation',
                  label: t('ws.ticket.conversationTab'),
                  children: messages.isPending ? (
                    <Skeleton active />
                  ) : messages.isError ? (
                    <ErrorAlert message={errors.describe(messages.error)} onRetry={() => void messages.refetch()} retryLabel={t('common.retry')} />
                  ) : (
                    <MessageList messages={messages.data} nameOf={nameOf} requesterId={ticket.requester_id} />
                  ),
                },
                {
                  key: 'history',
                  label: t('ws.ticket.historyTab'),
                  children: events.isPending ? <Skeleton active /> : <HistoryList events={events.data ?? []} nameOf={nameOf} naming={naming} />,
                },
              ]}
            />
          </Card>
          <Composer
            ticket={ticket}
            canReplyPublicly={can(role, 'tickets:reply')}
            canWriteNotes={can(role, 'tickets:note')}
            canUpdate={canUpdate}
            disabled={closed}
            onDraftingChange={setDrafting}
            commands={composer}
          />
        </Flex>
        <aside className="sb-side">
          <Card title={t('ticket.details')} size="small">
            {complete ? (
              <FieldsPanel ticket={ticket} draft={draft} readOnly={!canUpdate || closed} meId={meId} nameOf={nameOf} />
            ) : (
              <Skeleton active paragraph={{ rows: 8 }} title={false} />
            )}
          </Card>
          <Card title={t('ws.ticket.customerTitle')} size="small">
            {complete ? <CustomerPanel customerId={ticket.requester_id} ticketId={ticket.id} /> : <Skeleton active avatar paragraph={{ rows: 3 }} />}
          </Card>
        </aside>
      </div>
      <ConflictDialog
        conflict={draft.conflict}
        naming={naming}
        actorName={draft.conflict?.actorId ? nameOf(draft.conflict.actorId) : undefined}
        saving={draft.saving}
        onReapply={() => void draft.reapply()}
        onDiscard={draft.discard}
      />
    </Flex>
  );
}
