import type { Ticket } from '@switchboard/contracts';
import { api } from '../../../lib/api';
import { isMissingRoute } from '../../views';

export interface SearchHit {
  type: 'ticket' | 'user' | 'organization';
  id: string;
  title: string;
  /** Text with <mark> around the matches (rendered as text parts, never as HTML). */
  snippet: string | null;
  /** Tickets: their number and status, when the server sends them. */
  number?: string;
  status?: Ticket['status'];
  [extra: string]: unknown;
}

export interface SearchPage {
  data: SearchHit[];
  next_cursor: string | null;
  /** True when the server has no search API and a simpler lookup answered. */
  fallback?: boolean;
}

const mark = (text: string, q: string) => {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const at = q ? text.toLowerCase().indexOf(q.toLowerCase()) : -1;
  if (at < 0) return escaped;
  const e = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `${e(text.slice(0, at))}<mark>${e(text.slice(at, at + q.length))}</mark>${e(text.slice(at + q.length))}`;
};

/** Without the search API: a ticket by its number, people and organizations by name or email. */
async function fallbackSearch(q: string, signal?: AbortSignal): Promise<SearchPage> {
  const hits: SearchHit[] = [];
  const number = /^#?([1-9][0-9]{0,17})$/.exec(q.trim());
  const [tickets, users, organizations] = await Promise.all([
    number
      ? api.get<{ data: Ticket[] }>('/api/v1/tickets', { query: { number: number[1], limit: 5 }, signal }).catch(() => ({ data: [] }))
      : Promise.resolve({ data: [] as Ticket[] }),
    api.get<{ data: Array<{ id: string; name: string; email: string | null }> }>('/api/v1/users', { query: { q, limit: 8 }, signal }).catch(() => ({ data: [] })),
    api.get<{ data: Array<{ id: string; name: string }> }>('/api/v1/organizations', { query: { q, limit: 5 }, signal }).catch(() => ({ data: [] })),
  ]);
  for (const ticket of tickets.data) hits.push({ type: 'ticket', id: ticket.id, title: ticket.subject, snippet: null, number: ticket.number, status: ticket.status });
  for (const user of users.data) hits.push({ type: 'user', id: user.id, title: user.name, snippet: user.email ? mark(user.email, q) : null });
  for (const org of organizations.data) hits.push({ type: 'organization', id: org.id, title: org.name, snippet: null });
  return { data: hits, next_cursor: null, fallback: true };
}

export const searchApi = {
  search: async (q: string, cursor: string | null, signal?: AbortSignal): Promise<SearchPage> => {
    try {
      return await api.get<SearchPage>('/api/v1/search', { query: { q, cursor, limit: 20 }, signal });
    } catch (error) {
      if (isMissingRoute(error)) return fallbackSearch(q, signal);
      throw error;
    }
  },
};
