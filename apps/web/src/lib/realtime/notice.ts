/** What the server pushes on /api/v1/stream: which thing changed, never the data itself. */
export interface Notice {
  type: string;
  id: string;
  version?: number;
  /** Set on notices about something inside a ticket (a message), when the server sends it. */
  ticketId?: string;
}

function asId(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** One frame from the stream: a notice, or the server's word about the stream itself. */
export type StreamMessage =
  | { kind: 'notice'; notice: Notice }
  /** The subscription is live. */
  | { kind: 'ready' }
  /** Notices may have been missed on the server's side: refetch what is shown. */
  | { kind: 'resync' };

/** Reads one frame; anything that is not well formed (or a kind we do not know yet) is null. */
export function parseStreamMessage(data: unknown): StreamMessage | null {
  if (typeof data !== 'string') return null;
  let type: unknown;
  try {
    type = (JSON.parse(data) as { type?: unknown } | null)?.type;
  } catch {
    return null;
  }
  if (type === 'stream.ready') return { kind: 'ready' };
  if (type === 'stream.resync') return { kind: 'resync' };
  const notice = parseNotice(data);
  return notice ? { kind: 'notice', notice } : null;
}

/** Reads one notice frame; anything that is not a well-formed notice is null. */
export function parseNotice(data: unknown): Notice | null {
  if (typeof data !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const id = asId(record.id);
  if (typeof record.type !== 'string' || !record.type || !id) return null;
  const notice: Notice = { type: record.type, id };
  if (typeof record.version === 'number' && Number.isFinite(record.version)) notice.version = record.version;
  const ticketId = asId(record.ticket_id ?? record.ticketId);
  if (ticketId) notice.ticketId = ticketId;
  return notice;
}
