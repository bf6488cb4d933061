import type { TFunction } from 'i18next';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../lib/format';
import { useLanguage } from '../../../lib/i18n';
import type { Ticket } from '../api/tickets-api';
import { usePrefetchTicket } from '../hooks/use-tickets';
import { columnOfServerSort, compareTickets, nextServerSort, SERVER_SORT_OF, type ServerSort, type SortColumn } from '../utils/ticket-sort';

export type { ServerSort };
import { priorityTag } from './priority-tag';
import { statusTag } from './status-tag';
import './workspace-table.css';

export interface WorkspaceTableProps {
  tickets: Ticket[];
  loading: boolean;
  nameOf: (userId: string) => string | undefined;
  /** Whether the user is a customer (their name then opens their customer page). */
  isCustomer?: (userId: string) => boolean;
  groupName: (groupId: string) => string | undefined;
  selected: string[];
  onSelect: (ids: string[]) => void;
  /** The row the keyboard cursor is on (j/k on the list). */
  cursor: string | null;
  emptyText: string;
  /**
   * Sorting done by the server over the whole list (a view): only the columns it can order by
   * are sortable. Without it, the loaded rows are sorted here.
   */
  serverSort?: { value: ServerSort | null; onChange: (sort: ServerSort | null) => void };
}


type Order = 'ascending' | 'descending';

interface Column {
  key: string;
  title: string;
  width?: number;
  sort?: SortColumn;
}

/** How long the pointer rests on a ticket's link before its page is read ahead. */
const HOVER_INTENT_MS = 60;

/**
 * A list of tickets: sortable columns (by the server over the whole view when it can, else over
 * the rows loaded), a checkbox per row for bulk actions,
 * the keyboard cursor shown as a tinted row. A plain table (Ant Design's look, from CSS): a page
 * of 50 rows renders in a few milliseconds, and a row renders again only when it changed.
 */
export function WorkspaceTable({ tickets, loading, nameOf, isCustomer, groupName, selected, onSelect, cursor, emptyText, serverSort }: WorkspaceTableProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const format = useFormat();
  const prefetch = usePrefetchTicket();
  const [sort, setSort] = useState<{ column: SortColumn; order: Order } | null>(null);

  const columns: Column[] = [
    { key: 'number', title: t('tickets.columns.number'), width: 84, sort: 'number' },
    { key: 'subject', title: t('tickets.columns.subject'), sort: 'subject' },
    { key: 'requester', title: t('tickets.columns.requester'), width: 150, sort: 'requester' },
    { key: 'status', title: t('tickets.columns.status'), width: 110, sort: 'status' },
    { key: 'priority', title: t('tickets.columns.priority'), width: 100, sort: 'priority' },
    { key: 'assignee', title: t('ws.list.columns.assignee'), width: 130, sort: 'assignee' },
    { key: 'group', title: t('ws.list.columns.group'), width: 120 },
    { key: 'updated', title: t('tickets.columns.updated'), width: 130, sort: 'updated' },
  ];

  let rows = tickets;
  if (sort && !serverSort) {
    const compare = compareTickets(sort.column, nameOf, language);
    const sign = sort.order === 'ascending' ? 1 : -1;
    rows = [...tickets].sort((a, b) => sign * compare(a, b));
  }

  // Ascending, descending, then the view's own order again (as Ant Design's table does).
  const toggleSort = (column: SortColumn) => {
    if (serverSort) serverSort.onChange(nextServerSort(serverSort.value, column));
    else setSort((current) => (current?.column !== column ? { column, order: 'ascending' } : current.order === 'ascending' ? { column, order: 'descending' } : null));
  };
  const shownSort = serverSort
    ? serverSort.value && { column: columnOfServerSort(serverSort.value), order: serverSort.value.direction === 'asc' ? ('ascending' as const) : ('descending' as const) }
    : sort;
  const sortable = (column: Column) => Boolean(column.sort && (!serverSort || SERVER_SORT_OF[column.sort]));

  const selectedSet = useMemo(() => new Set(selected), [selected]);
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const toggle = useCallback(
    (id: string, checked: boolean) => {
      const current = selectedRef.current;
      onSelect(checked ? [...current.filter((other) => other !== id), id] : current.filter((other) => other !== id));
    },
    [onSelect],
  );
  const allChecked = tickets.length > 0 && tickets.every((ticket) => selectedSet.has(ticket.id));
  const someChecked = !allChecked && tickets.some((ticket) => selectedSet.has(ticket.id));
  const selectAll = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = someChecked;
  }, [someChecked]);

  const busy = loading && tickets.length === 0;
  return (
    <div className="sb-list" data-testid="ticket-table" aria-busy={loading}>
      <table className="sb-list-table">
        <colgroup>
          <col style={{ width: 44 }} />
          {columns.map((column) => (
            <col key={column.key} style={column.width ? { width: column.width } : undefined} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th className="sb-list-check">
              <input
                ref={selectAll}
                type="checkbox"
                checked={allChecked}
                disabled={tickets.length === 0}
                aria-label={t('ws.list.selectAll')}
                onChange={(event) => onSelect(event.target.checked ? tickets.map((ticket) => ticket.id) : [])}
              />
            </th>
            {columns.map((column) => {
              const order = shownSort && shownSort.column === column.sort ? shownSort.order : undefined;
              return (
                <th key={column.key} scope="col" aria-sort={sortable(column) ? (order ?? 'none') : undefined}>
                  {sortable(column) ? (
                    <button type="button" className="sb-list-sort" onClick={() => toggleSort(column.sort!)}>
                      <span>{column.title}</span>
                      <span className={`sb-list-arrows${order ? ` is-${order}` : ''}`} aria-hidden />
                    </button>
                  ) : (
                    column.title
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr className="sb-list-placeholder">
              <td colSpan={columns.length + 1}>
                {busy ? (
                  <span role="status" className="sb-list-loading">
                    <span className="sb-list-spinner" aria-hidden />
                    {t('common.loading')}
                  </span>
                ) : (
                  emptyText
                )}
              </td>
            </tr>
          ) : (
            rows.map((ticket) => (
              <TicketRow
                key={ticket.id}
                ticket={ticket}
                requester={nameOf(ticket.requester_id)}
                requesterIsCustomer={isCustomer?.(ticket.requester_id) ?? false}
                assignee={ticket.assignee_id ? nameOf(ticket.assignee_id) : undefined}
                group={ticket.group_id ? groupName(ticket.group_id) : undefined}
                checked={selectedSet.has(ticket.id)}
                isCursor={ticket.id === cursor}
                onToggle={toggle}
                onIntent={prefetch}
                t={t}
                format={format}
              />
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

interface RowProps {
  ticket: Ticket;
  requester: string | undefined;
  requesterIsCustomer: boolean;
  assignee: string | undefined;
  group: string | undefined;
  checked: boolean;
  isCursor: boolean;
  onToggle: (id: string, checked: boolean) => void;
  /** The agent is about to open this ticket (pointer resting on it, focus, press). */
  onIntent: (id: string) => void;
  t: TFunction;
  format: ReturnType<typeof useFormat>;
}

const TicketRow = memo(function TicketRow({ ticket, requester, requesterIsCustomer, assignee, group, checked, isCursor, onToggle, onIntent, t, format }: RowProps) {
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const none = <span className="sb-list-muted">{t('common.none')}</span>;
  const intentNow = () => {
    clearTimeout(timer.current);
    onIntent(ticket.id);
  };
  return (
    <tr data-row-key={ticket.id} className={`${checked ? 'is-selected' : ''}${isCursor ? ' sb-row-cursor' : ''}`}>
      <td className="sb-list-check">
        <input
          type="checkbox"
          checked={checked}
          aria-label={t('ws.list.selectOne', { number: ticket.number })}
          onChange={(event) => onToggle(ticket.id, event.target.checked)}
        />
      </td>
      <td className="sb-list-muted">#{ticket.number}</td>
      <td>
        <Link
          to={`/tickets/${ticket.id}`}
          data-testid="ticket-link"
          className="sb-list-subject"
          onPointerEnter={() => {
            clearTimeout(timer.current);
            timer.current = setTimeout(() => onIntent(ticket.id), HOVER_INTENT_MS);
          }}
          onPointerLeave={() => clearTimeout(timer.current)}
          onPointerDown={intentNow}
          onFocus={intentNow}
        >
          {ticket.subject}
        </Link>
      </td>
      <td title={requester}>
        {requester === undefined ? (
          <span className="sb-list-muted">#{ticket.requester_id}</span>
        ) : requesterIsCustomer ? (
          <Link to={`/customers/${ticket.requester_id}`} className="sb-list-person" data-testid="requester-link">
            {requester}
          </Link>
        ) : (
          requester
        )}
      </td>
      <td>{statusTag(t, ticket.status, ticket.status_name)}</td>
      <td>{priorityTag(t, ticket.priority)}</td>
      <td title={assignee}>{ticket.assignee_id ? (assignee ?? `#${ticket.assignee_id}`) : none}</td>
      <td title={group}>{ticket.group_id ? (group ?? `#${ticket.group_id}`) : none}</td>
      <td className="sb-list-time">
        <time dateTime={ticket.updated_at} title={format.dateTime(ticket.updated_at)}>
          {format.relative(ticket.updated_at)}
        </time>
      </td>
    </tr>
  );
});
