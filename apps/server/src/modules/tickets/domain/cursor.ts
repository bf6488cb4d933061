/**
 * Opaque cursors for keyset pagination: base64url JSON of the last row's sort key. A cursor
 * that does not decode to the expected shape is refused (400), never trusted.
 */
export type Cursor = { id: string; at?: string };

/** The UTC timestamp a time cursor carries (microseconds, as PostgreSQL keeps them). */
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(raw: string, withTime: boolean): Cursor | null {
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (!parsed || typeof parsed !== 'object') return null;
    const { id, at } = parsed as Record<string, unknown>;
    if (typeof id !== 'string' || !/^[1-9]\d{0,17}$/.test(id)) return null;
    if (withTime) {
      if (typeof at !== 'string' || !TIME.test(at) || Number.isNaN(Date.parse(at))) return null;
      return { id, at };
    }
    return { id };
  } catch {
    return null;
  }
}
