import type { Ticket } from '@switchboard/contracts';

const PRIORITY_RANK: Record<Ticket['priority'], number> = { low: 0, normal: 1, high: 2, urgent: 3 };
const STATUS_RANK: Record<Ticket['status'], number> = { new: 0, open: 1, pending: 2, on_hold: 3, solved: 4, closed: 5 };

export type SortColumn = 'number' | 'subject' | 'status' | 'priority' | 'requester' | 'assignee' | 'updated' | 'created';

/**
 * Compares two tickets by a column, ascending. Names come from `nameOf` (unknown names sort
 * last); text compares in the viewer's language (拼音 order for Chinese with zh-CN).
 */
export function compareTickets(column: SortColumn, nameOf: (id: string) => string | undefined, locale: string) {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const byName = (a: string | null, b: string | null) => {
    const [x, y] = [a ? nameOf(a) : undefined, b ? nameOf(b) : undefined];
    if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
    return collator.compare(x, y);
  };
  return (a: Ticket, b: Ticket): number => {
    switch (column) {
      case 'number':
        return Number(a.number) - Number(b.number);
      case 'subject':
        return collator.compare(a.subject, b.subject);
      case 'status':
        return STATUS_RANK[a.status] - STATUS_RANK[b.status];
      case 'priority':
        return PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority];
      case 'requester':
        return byName(a.requester_id, b.requester_id);
      case 'assignee':
        return byName(a.assignee_id, b.assignee_id);
      case 'updated':
        return Date.parse(a.updated_at) - Date.parse(b.updated_at);
      case 'created':
        return Date.parse(a.created_at) - Date.parse(b.created_at);
    }
  };
}

/** An order the server can apply to a whole view (the columns it has keys for). */
export interface ServerSort {
  by: 'id' | 'priority' | 'updated_at';
  direction: 'asc' | 'desc';
}

export const SERVER_SORT_OF: Partial<Record<SortColumn, ServerSort['by']>> = { number: 'id', priority: 'priority', updated: 'updated_at' };

/** A click on a column header: ascending, then descending, then the view's own order again. */
export function nextServerSort(current: ServerSort | null, column: SortColumn): ServerSort | null {
  const by = SERVER_SORT_OF[column];
  if (!by) return current;
  if (current?.by !== by) return { by, direction: 'asc' };
  return current.direction === 'asc' ? { by, direction: 'desc' } : null;
}

/** The column a server order belongs to. */
export const columnOfServerSort = (sort: ServerSort): SortColumn =>
  (Object.keys(SERVER_SORT_OF) as SortColumn[]).find((column) => SERVER_SORT_OF[column] === sort.by)!;
