/**
 * Presence: who is looking at or answering a ticket right now ("王芳 is replying"). Ephemeral by
 * design (DESIGN.md §4): nothing is stored. A browser announces itself on its stream socket; the
 * node that holds the socket sends the announcement through NOTIFY, and every node keeps the same
 * small in-memory registry from what it hears, so a socket on any node sees everyone.
 *
 * An entry lives `ttlMs` after its last announcement: a browser refreshes its own about every
 * half of that, so a tab that vanished without a word (crash, lost network, dead node) disappears
 * by itself.
 */

export const PRESENCE_STATES = ['viewing', 'replying', 'left'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];
export const PRESENCE_TTL_MS = 30_000;

/** Who may hear about a ticket's presence: the ticket's own audience, staff only. */
export interface PresenceAudience {
  requesterId: string | null;
  assigneeId: string | null;
  groupId: string | null;
}

/** One socket's word about one ticket, as it crosses nodes. */
export interface PresenceAnnouncement {
  tenantId: string;
  ticketId: string;
  /** One per socket: two tabs of one person are two entries, shown as one person. */
  connectionId: string;
  userId: string;
  name: string;
  state: PresenceState;
  audience: PresenceAudience;
}

/** What a browser is told: everyone on the ticket, the most engaged state per person. */
export interface PresenceUser {
  id: string;
  name: string;
  state: 'viewing' | 'replying';
}

export interface TicketKey {
  tenantId: string;
  ticketId: string;
}

interface Entry {
  userId: string;
  name: string;
  state: 'viewing' | 'replying';
  expiresAt: number;
}

interface TicketPresence {
  audience: PresenceAudience;
  entries: Map<string, Entry>;
}

export interface PresenceRegistry {
  /** Records an announcement; true when what browsers see of the ticket changed. */
  apply: (announcement: PresenceAnnouncement) => boolean;
  /** Drops expired entries; returns the tickets whose list changed, with their last audience. */
  sweep: () => Array<TicketKey & { audience: PresenceAudience }>;
  users: (key: TicketKey) => PresenceUser[];
  /** The audience of the latest announcement about the ticket (undefined when nobody is there). */
  audience: (key: TicketKey) => PresenceAudience | undefined;
  /** Number of tickets with someone on them. */
  size: () => number;
}

const keyOf = ({ tenantId, ticketId }: TicketKey) => `${tenantId}:${ticketId}`;

export function createPresenceRegistry(options: { ttlMs?: number; now?: () => number } = {}): PresenceRegistry {
  const ttlMs = options.ttlMs ?? PRESENCE_TTL_MS;
  const now = options.now ?? Date.now;
  const tickets = new Map<string, TicketPresence & TicketKey>();

  const users = (key: TicketKey): PresenceUser[] => {
    const ticket = tickets.get(keyOf(key));
    if (!ticket) return [];
    const byUser = new Map<string, PresenceUser>();
    const at = now();
    for (const entry of ticket.entries.values()) {
      if (entry.expiresAt <= at) continue;
      const seen = byUser.get(entry.userId);
      if (!seen || (seen.state === 'viewing' && entry.state === 'replying')) {
        byUser.set(entry.userId, { id: entry.userId, name: entry.name, state: entry.state });
      }
    }
    return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  };

  const signature = (key: TicketKey) => JSON.stringify(users(key));

  return {
    apply(announcement) {
      const key = keyOf(announcement);
      const before = signature(announcement);
      let ticket = tickets.get(key);
      if (announcement.state === 'left') {
        ticket?.entries.delete(announcement.connectionId);
        if (ticket && ticket.entries.size === 0) tickets.delete(key);
      } else {
        if (!ticket) {
          ticket = { tenantId: announcement.tenantId, ticketId: announcement.ticketId, audience: announcement.audience, entries: new Map() };
          tickets.set(key, ticket);
        }
        ticket.audience = announcement.audience;
        ticket.entries.set(announcement.connectionId, {
          userId: announcement.userId,
          name: announcement.name,
          state: announcement.state,
          expiresAt: now() + ttlMs,
        });
      }
      return signature(announcement) !== before;
    },
    sweep() {
      const at = now();
      const changed: Array<TicketKey & { audience: PresenceAudience }> = [];
      for (const [key, ticket] of tickets) {
        let dropped = false;
        for (const [connectionId, entry] of ticket.entries) {
          if (entry.expiresAt > at) continue;
          ticket.entries.delete(connectionId);
          dropped = true;
        }
        if (ticket.entries.size === 0) tickets.delete(key);
        if (dropped) changed.push({ tenantId: ticket.tenantId, ticketId: ticket.ticketId, audience: ticket.audience });
      }
      return changed;
    },
    users,
    audience: (key) => tickets.get(keyOf(key))?.audience,
    size: () => tickets.size,
  };
}

const TICKET_ID = /^[1-9][0-9]{0,17}$/;

/**
 * Reads a browser's frame: `{type:'presence', ticket_id, state}`. Anything else is null (the
 * socket ignores it: a browser's frame never closes the stream).
 */
export function parseClientPresence(data: unknown): { ticketId: string; state: PresenceState } | null {
  if (typeof data !== 'string' || data.length > 1024) return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if (record.type !== 'presence') return null;
  const ticketId = typeof record.ticket_id === 'number' ? String(record.ticket_id) : record.ticket_id;
  if (typeof ticketId !== 'string' || !TICKET_ID.test(ticketId)) return null;
  if (!PRESENCE_STATES.includes(record.state as PresenceState)) return null;
  return { ticketId, state: record.state as PresenceState };
}
