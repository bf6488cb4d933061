/**
 * How a view orders its tickets, and the keyset cursor of its pages. Every order ends with the
 * ticket id in the same direction, so it is total and a cursor names one exact position.
 */
export type SortBy = 'updated_at' | 'created_at' | 'priority' | 'id' | 'next_sla_breach';
export type AppliedSortBy = Exclude<SortBy, 'next_sla_breach'>;
export interface SortSpec {
  by: SortBy;
  direction: 'asc' | 'desc';
}
export interface AppliedSort {
  by: AppliedSortBy;
  direction: 'asc' | 'desc';
  note: string | null;
}

export const DEFAULT_SORT: SortSpec = { by: 'updated_at', direction: 'desc' };

/** The order really used: there are no SLA clocks yet, so "next SLA breach" is the oldest first. */
export function appliedSort(sort: SortSpec): AppliedSort {
  if (sort.by === 'next_sla_breach') {
    return { by: 'created_at', direction: 'asc', note: 'next_sla_breach falls back to created_at (oldest first) until SLA clocks exist' };
  }
  return { by: sort.by, direction: sort.direction, note: null };
}

/** The position after the last row of a page: its sort key and id. */
export type ViewCursor = { by: AppliedSortBy; id: string; key?: string | number };

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const ID = /^[1-9]\d{0,17}$/;

export function encodeViewCursor(cursor: ViewCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** The cursor if it is well formed and belongs to this order; null otherwise (a 400 for the caller). */
export function decodeViewCursor(raw: string, by: AppliedSortBy): ViewCursor | null {
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Record<string, unknown> | null;
    if (!parsed || typeof parsed !== 'object' || parsed.by !== by) return null;
    const { id, key } = parsed;
    if (typeof id !== 'string' || !ID.test(id)) return null;
    if (by === 'id') return { by, id };
    if (by === 'priority') {
      return typeof key === 'number' && Number.isInteger(key) && key >= 1 && key <= 4 ? { by, id, key } : null;
    }
    return typeof key === 'string' && TIME.test(key) && !Number.isNaN(Date.parse(key)) ? { by, id, key } : null;
  } catch {
    return null;
  }
}
