import type { Actor } from '../../platform/auth-context/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { Segmenter } from '../../platform/search/segmenter.ts';
import { buildTsQuery, typoCandidates, type TextTerm } from '../../platform/search/tsquery.ts';
import { parseQuery, type FieldTerm, type QueryError } from './domain/query-parser.ts';
import { decodeCursor, encodeCursor, queryHash, type SearchCursor } from './domain/search-cursor.ts';
import { namesToResolve, toConditions } from './domain/ticket-conditions.ts';
import { authorizeSearch, searchesInternal, searchVisibility, type SearchType } from './search.policy.ts';
import { searchRepo, type SearchRepo, type TicketHitRow } from './search.repo.ts';
import { pageHighlighter } from './search.snippets.ts';

/** How many of the most recent matching documents are ranked (see search.repo rankTickets). */
export const DEFAULT_CANDIDATE_CAP = 300;

export type TicketHit = TicketHitRow & { rank: number | null; title_html: string; snippet_html: string };
export type UserHit = { id: string; name: string; email: string | null; role: string; organization_id: string | null; rank: number | null; title_html: string; snippet_html: string };
export type OrganizationHit = { id: string; name: string; domains: string[]; rank: number | null; title_html: string; snippet_html: string };
export type SearchResult =
  | { type: 'ticket'; hits: TicketHit[]; next_cursor: string | null; capped: boolean }
  | { type: 'user'; hits: UserHit[]; next_cursor: string | null; capped: boolean }
  | { type: 'organization'; hits: OrganizationHit[]; next_cursor: string | null; capped: boolean };

function invalidQuery(errors: QueryError[]): AppError {
  const detail = errors.length === 1 ? errors[0]!.message : `${errors.length} problems in the query`;
  const listed: Array<{ path: string; message: string; position: number }> = errors.map((e) => ({ path: 'q', message: e.message, position: e.position }));
  return new AppError('SEARCH_QUERY_INVALID', 400, detail, { errors: listed });
}

const byIdOrder = <T extends { id: string }>(ids: string[], rows: T[]) => {
  const map = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => map.get(id)).filter((row): row is T => row !== undefined);
};

export function createSearchService(deps: { db: Database; segmenter: () => Segmenter; candidateCap?: number; firstWindow?: bigint }) {
  const cap = deps.candidateCap ?? DEFAULT_CANDIDATE_CAP;

  async function searchTickets(actor: Actor, index: SearchRepo, readBack: <T>(work: (repo: SearchRepo) => Promise<T>) => Promise<T>, fields: FieldTerm[], text: TextTerm[], page: { cursor: SearchCursor | null; limit: number; hash: string }) {
    const staff = searchesInternal(actor);
    const segmenter = deps.segmenter();
    const built = buildTsQuery(text, segmenter, await index.corrections(typoCandidates(text)));
    const names = namesToResolve(fields);
    const conditions = toConditions(fields, {
      me: actor.userId,
      groups: await index.groupIdsByName(names.groups),
      emails: await index.userIdsByEmail(names.emails),
    });
    const visibility = searchVisibility(actor);
    let ids: string[];
    let ranks = new Map<string, number | null>();
    let next: SearchCursor | null = null;
    let capped = false;
    if (built.query && built.positive) {
      const offset = page.cursor && 'offset' in page.cursor ? page.cursor.offset : 0;
      const rows = await index.rankTickets({ tsquery: built.query, staff, conditions, visibility, cap, offset, limit: page.limit + 1, firstWindow: deps.firstWindow });
      capped = (rows[0]?.candidates ?? 0) >= cap;
      if (rows.length > page.limit && offset + page.limit < cap) next = { offset: offset + page.limit };
      ids = rows.slice(0, page.limit).map((row) => row.id);
      ranks = new Map(rows.map((row) => [row.id, Number(row.rank)]));
    } else {
      if (!built.query && conditions.length === 0) return { hits: [], next_cursor: null, capped: false };
      const excluded = built.query ? buildTsQuery(text.map((t) => ({ ...t, negated: false })), segmenter).query : null;
      const beforeId = page.cursor && 'beforeId' in page.cursor ? page.cursor.beforeId : undefined;
      const found = await index.filterTickets({ excluded, staff, conditions, visibility, beforeId, limit: page.limit + 1 });
      ids = found.slice(0, page.limit);
      if (found.length > page.limit) next = { beforeId: ids.at(-1)! };
    }
    if (ids.length === 0) return { hits: [], next_cursor: null, capped };
    const { tickets, messages, marker } = await readBack(async (repo) => {
      const tickets = byIdOrder(ids, await repo.tickets(ids));
      const messages = await repo.snippetMessages(ids, staff);
      const marker = await pageHighlighter(repo, built.match, [...tickets.map((t) => t.subject), ...messages.map((m) => m.body)]);
      return { tickets, messages, marker };
    });
    const bodies = new Map<string, string[]>();
    for (const message of messages) bodies.set(message.ticket_id, [...(bodies.get(message.ticket_id) ?? []), message.body]);
    const hits: TicketHit[] = tickets.map((ticket) => ({
      ...ticket,
      rank: ranks.get(ticket.id) ?? null,
      title_html: marker.title(ticket.subject),
      snippet_html: marker.snippet(bodies.get(ticket.id) ?? []),
    }));
    return { hits, next_cursor: next ? encodeCursor(page.hash, next) : null, capped };
  }

  async function searchDirectory(kind: 'user' | 'organization', repo: SearchRepo, text: TextTerm[], page: { cursor: SearchCursor | null; limit: number; hash: string }) {
    const built = buildTsQuery(text, deps.segmenter(), await repo.corrections(typoCandidates(text)));
    if (!built.query || !built.positive) return { hits: [], next_cursor: null, capped: false, built };
    const offset = page.cursor && 'offset' in page.cursor ? page.cursor.offset : 0;
    const rows = await repo.rankDirectory(kind, { tsquery: built.query, cap, offset, limit: page.limit + 1 });
    const ids = rows.slice(0, page.limit).map((row) => row.id);
    const next = rows.length > page.limit && offset + page.limit < cap ? encodeCursor(page.hash, { offset: offset + page.limit }) : null;
    return { ids, ranks: new Map(rows.map((row) => [row.id, Number(row.rank)])), next_cursor: next, capped: (rows[0]?.candidates ?? 0) >= cap, built };
  }

  return {
    async search(actor: Actor, input: { q: string; type: SearchType; cursor?: string; limit: number }): Promise<SearchResult> {
      authorizeSearch(actor, input.type);
      const parsed = parseQuery(input.q);
      if (!parsed.ok) throw invalidQuery(parsed.errors);
      const fields = parsed.terms.filter((term): term is FieldTerm => term.kind === 'field');
      const text: TextTerm[] = parsed.terms.flatMap((term) => (term.kind === 'text' ? [{ text: term.text, phrase: term.phrase, negated: term.negated }] : []));
      if (input.type !== 'ticket' && fields.length > 0) {
        throw invalidQuery([{ message: `Field filters apply to tickets only (type=ticket)`, position: fields[0]!.position }]);
      }
      const hash = queryHash(input.type, input.q);
      const cursor = input.cursor ? decodeCursor(input.cursor, hash, cap) : null;
      if (input.cursor && !cursor) throw new AppError('SEARCH_CURSOR_INVALID', 400, 'The cursor does not belong to this query; start again without it');
      const page = { cursor, limit: input.limit, hash };

      // Matching on the owner connection (see search.repo.ts), reading back under RLS.
      const index = searchRepo(deps.db.system, actor.tenantId);
      const readBack = <T>(work: (repo: SearchRepo) => Promise<T>) => deps.db.tenantTx(actor.tenantId, (trx) => work(searchRepo(trx, actor.tenantId)));
      if (input.type === 'ticket') return { type: 'ticket' as const, ...(await searchTickets(actor, index, readBack, fields, text, page)) };
      const found = await searchDirectory(input.type, index, text, page);
      if (!('ids' in found) || !found.ids) return { type: input.type, hits: [], next_cursor: null, capped: false } as SearchResult;
      return readBack(async (repo): Promise<SearchResult> => {
        if (input.type === 'user') {
          const users = byIdOrder(found.ids, await repo.users(found.ids));
          const marker = await pageHighlighter(repo, found.built.match, users.flatMap((u) => [u.name, u.email ?? '', u.phone ?? '']));
          const hits: UserHit[] = users.map((u) => ({
            id: u.id, name: u.name, email: u.email, role: u.role, organization_id: u.organization_id,
            rank: found.ranks.get(u.id) ?? null,
            title_html: marker.title(u.name),
            snippet_html: marker.snippet([[u.email, u.phone].filter(Boolean).join(' · ')]),
          }));
          return { type: 'user', hits, next_cursor: found.next_cursor, capped: found.capped };
        }
        const organizations = byIdOrder(found.ids, await repo.organizations(found.ids));
        const marker = await pageHighlighter(repo, found.built.match, organizations.flatMap((o) => [o.name, ...o.domains]));
        const hits: OrganizationHit[] = organizations.map((o) => ({
          id: o.id, name: o.name, domains: o.domains,
          rank: found.ranks.get(o.id) ?? null,
          title_html: marker.title(o.name),
          snippet_html: marker.snippet([o.domains.join(' · ')]),
        }));
        return { type: 'organization', hits, next_cursor: found.next_cursor, capped: found.capped };
      });
    },
  };
}
export type SearchService = ReturnType<typeof createSearchService>;
