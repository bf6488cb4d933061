/**
 * The few header values the receiving side needs before the message is parsed (parsing is the
 * processor's job, after the raw is safely stored): Message-ID for deduplication.
 */
export function headerBlock(raw: Buffer): string {
  const limit = Math.min(raw.length, 256 * 1024);
  const head = raw.subarray(0, limit);
  let end = head.indexOf('\r\n\r\n');
  if (end < 0) end = head.indexOf('\n\n');
  return head.subarray(0, end < 0 ? limit : end).toString('latin1');
}

/** The first value of a header (unfolded), or null. */
export function rawHeader(block: string, name: string): string | null {
  const pattern = new RegExp(`^${name}:[ \\t]*((?:.*)(?:\\r?\\n[ \\t].*)*)`, 'im');
  const match = pattern.exec(block);
  return match ? match[1]!.replace(/\r?\n[ \t]+/g, ' ').trim() : null;
}

/** `<id@host>` → `id@host`; null when absent or not an id. */
export function rawMessageId(raw: Buffer): string | null {
  const value = rawHeader(headerBlock(raw), 'message-id');
  const match = value ? /<([^<>\s]{1,900})>/.exec(value) ?? /^([^<>\s]{1,900}@[^<>\s]+)$/.exec(value) : null;
  return match ? match[1]! : null;
}
