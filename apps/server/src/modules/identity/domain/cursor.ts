import { invalid } from '../../../platform/errors/app-error.ts';

/**
 * Opaque cursors for keyset pagination over bigint ids: base64url of "id:<n>". The client
 * passes back `next_cursor` untouched; anything else is a 400 INVALID_CURSOR.
 */
export function encodeCursor(id: string): string {
  return Buffer.from(`id:${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^id:(\d{1,19})$/.exec(decoded);
  if (!match) throw invalid('INVALID_CURSOR', 'The cursor is not one this API returned');
  return match[1];
}

/** Splits a page fetched with limit + 1 rows into the page and the cursor of the next one. */
export function paginate<T extends { id: string }>(rows: T[], limit: number): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: encodeCursor(page[page.length - 1].id) };
}
