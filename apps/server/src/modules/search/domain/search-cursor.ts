import { createHash } from 'node:crypto';

/**
 * The opaque cursor of a search page: the position in the ranked list (offset, bounded by the
 * candidate cap) or, for filter-only queries, the last ticket id (keyset). It carries a hash of
 * the query so a cursor is not replayed against another one.
 */
export type SearchCursor = { offset: number } | { beforeId: string };

export const queryHash = (type: string, q: string) => createHash('sha256').update(`${type}\n${q}`).digest('base64url').slice(0, 12);

export function encodeCursor(hash: string, cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify({ h: hash, ...('offset' in cursor ? { o: cursor.offset } : { b: cursor.beforeId }) })).toString('base64url');
}

/** The cursor, or null when it is not one of ours for this query. */
export function decodeCursor(raw: string, hash: string, maxOffset: number): SearchCursor | null {
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { h?: unknown; o?: unknown; b?: unknown };
    if (value.h !== hash) return null;
    if (typeof value.o === 'number' && Number.isInteger(value.o) && value.o >= 0 && value.o <= maxOffset) return { offset: value.o };
    if (typeof value.b === 'string' && /^[1-9]\d{0,17}$/.test(value.b)) return { beforeId: value.b };
    return null;
  } catch {
    return null;
  }
}
