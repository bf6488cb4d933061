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
  | { kind: 'resync' }
  /** Who is on a ticket now (an empty list: nobody). */
  | { kind: 'presence'; presence: PresenceNotice };

export interface PresenceUser {
  id: string;
  name: string;
  state: 'viewing' | 'replying';
}

export interface PresenceNotice {
  ticketId: string;
  users: PresenceUser[];
}

function parsePresence(value: Record<string, unknown>): PresenceNotice | null {
  const ticketId = asId(value.id);
  if (!ticketId || !Array.isArray(value.users)) return null;
  const users: PresenceUser[] = [];
  for (const item of value.users as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const user = item as Record<string, unknown>;
    const id = asId(user.id);
    if (!id || typeof user.name !== 'string' || (user.state !== 'viewing' && user.state !== 'replying')) continue;
    users.push({ id, name: user.name, state: user.state });
  }
  return { ticketId, users };
}

/** Reads one frame; anything that is not well formed (or a kind we do not know yet) is null. */
export function parseStreamMessage(data: unknown): StreamMessage | null {
  if (typeof data !== 'string') return null;
  let value: Record<string, unknown> | null;
  try {
    value = JSON.parse(data) as Record<string, unknown> | null;
  } catch {
    return null;
  }
  const type = typeof value === 'object' && value !== null ? value.type : undefined;
  if (type === 'stream.ready') return { kind: 'ready' };
  if (type === 'stream.resync') return { kind: 'resync' };
  if (type === 'presence') {
    const presence = parsePresence(value!);
    return presence ? { kind: 'presence', presence } : null;
  }
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
