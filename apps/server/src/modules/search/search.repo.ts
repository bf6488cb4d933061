import { sql, type Kysely, type RawBuilder } from 'kysely';
import { FIRST_WINDOW_SPAN, nextSpan, recencyWindow, tenantRecencyQuery, type RecencyWindow } from './domain/recency-windows.ts';
import { relaxPhrases } from './domain/relax-phrases.ts';
import type { TicketCondition } from './domain/ticket-conditions.ts';

/** Which tickets a search may return (mirrors tickets.policy.ts ticketVisibility). */
export type SearchVisibility =
  | { kind: 'all' }
  | { kind: 'customer'; userId: string }
  | { kind: 'groups'; userId: string; groupIds: string[] }
  | { kind: 'assigned'; userId: string };

/** Weights of ts_rank_cd for D, C, B, A: messages, requester, tags, subject (and user/org fields). */
const WEIGHTS = sql`'{0.1, 0.2, 0.4, 1.0}'::float4[]`;

export interface RankedId {
  id: string;
  rank: number | null;
  candidates: number;
}

export interface TicketHitRow {
  id: string;
  number: string;
  subject: string;
  status_category: string;
  priority: string;
  requester_id: string;
  assignee_id: string | null;
  group_id: string | null;
  tags: string[];
  created_at: Date;
  updated_at: Date;
}

/**
 * The caller's access as a condition on `t`. Customers and 'assigned' agents see few tickets: their
 * set is spelled as an IN over indexed lookups, so the planner starts from it instead of walking
 * every ticket that matches the text.
 */
function visibilityCondition(tenantId: string, visibility: SearchVisibility): RawBuilder<unknown> | null {
  switch (visibility.kind) {
    case 'all':
      return null;
    case 'customer':
      return sql`t.id in (select r.id from tickets r where r.tenant_id = ${tenantId} and r.requester_id = ${visibility.userId}
        union all select c.ticket_id from ticket_ccs c where c.tenant_id = ${tenantId} and c.user_id = ${visibility.userId})`;
    case 'groups':
      return sql`(t.group_id = any(${visibility.groupIds}::bigint[]) or t.assignee_id = ${visibility.userId}
        or exists (select 1 from ticket_followers f where f.tenant_id = t.tenant_id and f.ticket_id = t.id
                   and f.user_id = ${visibility.userId}))`;
    case 'assigned':
      return sql`t.id in (select a.id from tickets a where a.tenant_id = ${tenantId} and a.assignee_id = ${visibility.userId}
        union all select f.ticket_id from ticket_followers f where f.tenant_id = ${tenantId} and f.user_id = ${visibility.userId})`;
  }
}

function condition(c: TicketCondition): RawBuilder<unknown> {
  let positive: RawBuilder<unknown>;
  switch (c.kind) {
    case 'in':
      positive = sql`${sql.ref(`t.${c.column}`)} = any(${c.values}::text[])`;
      break;
    case 'ref': {
      const parts = [];
      if (c.ids.length > 0) parts.push(sql`${sql.ref(`t.${c.column}`)} = any(${c.ids}::bigint[])`);
      if (c.includeNone) parts.push(sql`${sql.ref(`t.${c.column}`)} is null`);
      positive = parts.length > 0 ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
      break;
    }
    case 'tag':
      positive = sql`t.tags @> array[${c.tag}]::text[]`;
      break;
    case 'time': {
      const parts = [];
      if (c.from) parts.push(sql`${sql.ref(`t.${c.column}`)} >= ${c.from}::timestamptz`);
      if (c.to) parts.push(sql`${sql.ref(`t.${c.column}`)} < ${c.to}::timestamptz`);
      positive = parts.length > 0 ? sql`(${sql.join(parts, sql` and `)})` : sql`true`;
      break;
    }
  }
  return c.negated ? sql`not coalesce(${positive}, false)` : positive;
}

function ticketWhere(tenantId: string, conditions: TicketCondition[], visibility: SearchVisibility) {
  const where = [sql`t.tenant_id = ${tenantId}`, ...conditions.map(condition)];
  const visible = visibilityCondition(tenantId, visibility);
  if (visible) where.push(visible);
  return sql.join(where, sql` and `);
}

/**
 * The vector a caller matches and ranks on: the public text, or for staff the whole ticket
 * (staff_vec exists where there are internal notes; migration 0452 indexes the expression).
 */
const ticketVector = (staff: boolean) => (staff ? sql`coalesce(d.staff_vec, d.public_vec)` : sql`d.public_vec`);

/**
 * Filters the planner expects to leave at most this many tickets per ranked candidate (6,000 for
 * the cap of 300) are searched over the whole tenant at once (see rankTickets). Measured on the
 * 1M tenant: `status<solved tag:vip 退款` checks its 3k tickets' documents in 45-70 ms and finds
 * 150; a first window tried before it found 71 and cost 25-40 ms more.
 */
const FEW_TICKETS_PER_CAP = 20;

/**
 * Search queries. Matching runs on the owner connection (`db.system`) with the tenant spelled out
 * in every predicate: under row-level security PostgreSQL will not use a GIN index for `@@` (nor
 * pg_trgm's `%`), because those operators are not leakproof and must wait for the policy's
 * filter, which turns every search into a scan of the tenant. The ids found are then read back
 * under RLS (tickets, users, organizations, messages): a row of another tenant cannot come back.
 */
export function searchRepo(trx: Kysely<any>, tenantId: string) {
  /**
   * One ranking query over a window, or over the whole tenant ('tenant': its token keeps GIN to
   * the tenant's documents; 'tickets': no token, the planner starts from the few tickets the
   * filters or the caller's access leave, and the token would only cost its evaluation on each).
   * With `relaxed` (a phrase query, see domain/relax-phrases), GIN matches the relaxed query and
   * the phrase is checked on the newest candidates one by one until `cap` of them hold it.
   */
  async function rankIn(
    input: { tsquery: string; staff: boolean; conditions: TicketCondition[]; visibility: SearchVisibility; cap: number; offset: number; limit: number },
    window: RecencyWindow | 'tenant' | 'tickets',
    relaxed: string | null,
  ): Promise<RankedId[]> {
    const query = sql`to_tsquery('english', ${input.tsquery})`;
    const vector = ticketVector(input.staff);
    const within = typeof window === 'object' ? window : null;
    const recency =
      window === 'tickets' ? sql`` : sql`and search_recency(d.tenant_id, d.ticket_id) @@ ${within ? within.query : tenantRecencyQuery(tenantId)}::tsquery`;
    // Tickets are joined only when a filter or the caller's access needs them; in a window
    // they are bounded by its floor too, so a filter-first plan reads the window only.
    const needsTickets = input.conditions.length > 0 || input.visibility.kind !== 'all';
    const join = needsTickets ? sql`join tickets t on t.tenant_id = d.tenant_id and t.id = d.ticket_id` : sql``;
    const filters = needsTickets
      ? sql`and ${ticketWhere(tenantId, input.conditions, input.visibility)} ${within ? sql`and t.id >= ${String(within.floor)}` : sql``}`
      : sql``;
    if (relaxed === null) {
      const { rows } = await sql<RankedId>`
        with candidates as materialized (
          select d.ticket_id from search_tickets d ${join}
          where d.tenant_id = ${tenantId} and ${vector} @@ ${query} ${recency} ${filters}
          order by d.ticket_id desc
          limit ${input.cap}
        )
        select c.ticket_id as id, ts_rank_cd(${WEIGHTS}, ${vector}, ${query}, 1) as rank,
          count(*) over ()::int as candidates
        from candidates c join search_tickets d on d.tenant_id = ${tenantId} and d.ticket_id = c.ticket_id
        order by rank desc, c.ticket_id desc
        offset ${input.offset} limit ${input.limit}`.execute(trx);
      return rows;
    }
    // The candidates subquery is ordered by id (not a CTE), so the join keeps that order and
    // the LIMIT stops checking the phrase once `cap` newest documents hold it.
    const { rows } = await sql<RankedId>`
      with matched as materialized (
        select c.ticket_id, ts_rank_cd(${WEIGHTS}, ${vector}, ${query}, 1) as rank
        from (
          select d.ticket_id from search_tickets d ${join}
          where d.tenant_id = ${tenantId} and ${vector} @@ ${relaxed}::tsquery ${recency} ${filters}
          order by d.ticket_id desc
        ) c
        join search_tickets d on d.tenant_id = ${tenantId} and d.ticket_id = c.ticket_id
        where ${vector} @@ ${query}
        order by c.ticket_id desc
        limit ${input.cap}
      )
      select ticket_id as id, rank, count(*) over ()::int as candidates
      from matched
      order by rank desc, ticket_id desc
      offset ${input.offset} limit ${input.limit}`.execute(trx);
    return rows;
  }

  /** The planner's estimate of the tickets the filters and the caller's access leave. */
  async function estimateTickets(conditions: TicketCondition[], visibility: SearchVisibility): Promise<number> {
    const { rows } = await sql<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>`
      explain (format json) select 1 from tickets t where ${ticketWhere(tenantId, conditions, visibility)}`.execute(trx);
    return rows[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? Number.POSITIVE_INFINITY;
  }

  return {
    /** Misspelt words corrected from the tenant's vocabulary; a known word is left alone. */
    async corrections(words: string[]): Promise<Map<string, string[]>> {
      if (words.length === 0) return new Map();
      // `%` (default threshold 0.3) uses the trigram index; 0.4 keeps the corrections close.
      const { rows } = await sql<{ w: string; known: boolean; alternatives: string[] }>`
        select q.w,
          exists (select 1 from search_words s where s.tenant_id = ${tenantId} and s.word = q.w) as known,
          array(select s.word from search_words s where s.tenant_id = ${tenantId} and s.word % q.w and s.word <> q.w
                and similarity(s.word, q.w) >= 0.4
                order by similarity(s.word, q.w) desc, s.word limit 3) as alternatives
        from unnest(${words}::text[]) as q (w)`.execute(trx);
      return new Map(rows.filter((row) => !row.known && row.alternatives.length > 0).map((row) => [row.w, row.alternatives]));
    },

    /**
     * Tickets matching the text (and the filters, within what the caller may see), ranked. Only
     * the `cap` most recent matches are ranked, so a common word costs the same at any size.
     *
     * They are looked for in windows of the tenant's newest ids first (domain/recency-windows):
     * the window's bucket tokens are ANDed to the text inside the GIN index, so a common word
     * reads its matches among the newest 32k ids, not its hundred thousand documents. A window
     * with fewer than `cap` matches gives way to one large enough at the density it saw, or to
     * the whole tenant when that would hold more than half of it or nothing was found (a rare
     * word). A caller or filter narrowed to a few tickets (a customer, requester:, assignee:, or
     * filters the planner expects few tickets from) goes to the whole tenant at once, where the
     * planner starts from the tickets side.
     */
    async rankTickets(input: {
      tsquery: string;
      staff: boolean;
      conditions: TicketCondition[];
      visibility: SearchVisibility;
      cap: number;
      offset: number;
      limit: number;
      /** Ids the first window spans (tests: a small tenant). */
      firstWindow?: bigint;
    }): Promise<RankedId[]> {
      const { rows: bounded } = await sql<{ oldest: string | null; newest: string | null; parsed: string }>`
        select min(ticket_id) as oldest, max(ticket_id) as newest, to_tsquery('english', ${input.tsquery})::text as parsed
        from search_tickets where tenant_id = ${tenantId}`.execute(trx);
      const bounds = bounded[0];
      if (!bounds?.newest || !bounds.oldest) return [];
      const narrow =
        input.visibility.kind === 'customer' || input.visibility.kind === 'assigned' || input.conditions.some((c) => c.kind === 'ref' && c.column !== 'group_id' && !c.negated);
      const ids = { oldest: BigInt(bounds.oldest), newest: BigInt(bounds.newest) };
      let window = narrow ? null : recencyWindow(tenantId, ids, input.firstWindow ?? FIRST_WINDOW_SPAN);
      // Filters that leave few tickets (status<solved tag:vip: 3k of 1M) are as cheap to check
      // over the whole tenant from the tickets side, and seldom fill a window: a window tried
      // first would cost nearly as much again, for nothing.
      const few =
        narrow || (window !== null && input.conditions.length > 0 && (await estimateTickets(input.conditions, input.visibility)) <= input.cap * FEW_TICKETS_PER_CAP);
      if (few) window = null;
      const relaxed = relaxPhrases(bounds.parsed);
      while (window) {
        const rows = await rankIn(input, window, relaxed);
        const found = rows[0]?.candidates ?? 0;
        if (found >= input.cap) return rows;
        const need = nextSpan({ span: window.span, found }, input.cap);
        window = need === null ? null : recencyWindow(tenantId, ids, need);
      }
      return rankIn(input, few ? 'tickets' : 'tenant', relaxed);
    },

    /** Filter-only queries (or exclusions only): the newest matching tickets, keyset on id. */
    async filterTickets(input: {
      excluded: string | null;
      staff: boolean;
      conditions: TicketCondition[];
      visibility: SearchVisibility;
      beforeId?: string;
      limit: number;
    }): Promise<string[]> {
      const where = [ticketWhere(tenantId, input.conditions, input.visibility)];
      if (input.beforeId) where.push(sql`t.id < ${input.beforeId}`);
      if (input.excluded) {
        where.push(sql`not exists (select 1 from search_tickets d where d.tenant_id = t.tenant_id and d.ticket_id = t.id
          and ${ticketVector(input.staff)} @@ to_tsquery('english', ${input.excluded}))`);
      }
      const { rows } = await sql<{ id: string }>`select t.id from tickets t where ${sql.join(where, sql` and `)}
        order by t.id desc limit ${input.limit}`.execute(trx);
      return rows.map((row) => row.id);
    },

    async rankDirectory(kind: 'user' | 'organization', input: { tsquery: string; cap: number; offset: number; limit: number }): Promise<RankedId[]> {
      const [table, idColumn] = kind === 'user' ? ['search_users', 'user_id'] : ['search_organizations', 'organization_id'];
      const query = sql`to_tsquery('english', ${input.tsquery})`;
      const { rows } = await sql<RankedId>`
        with candidates as materialized (
          select ${sql.ref(idColumn)} as id, vec from ${sql.table(table)}
          where tenant_id = ${tenantId} and vec @@ ${query}
          order by ${sql.ref(idColumn)} desc limit ${input.cap}
        )
        select id, ts_rank_cd(${WEIGHTS}, vec, ${query}, 1) as rank, count(*) over ()::int as candidates
        from candidates order by rank desc, id desc offset ${input.offset} limit ${input.limit}`.execute(trx);
      return rows;
    },

    async tickets(ids: string[]): Promise<TicketHitRow[]> {
      const { rows } = await sql<TicketHitRow>`select id, number, subject, status_category, priority, requester_id, assignee_id,
          group_id, tags, created_at, updated_at
        from tickets where tenant_id = ${tenantId} and id = any(${ids}::bigint[])`.execute(trx);
      return rows;
    },

    /** The latest messages of each ticket (public only unless staff), cut for snippets. */
    async snippetMessages(ids: string[], staff: boolean, perTicket = 30): Promise<Array<{ ticket_id: string; body: string }>> {
      const { rows } = await sql<{ ticket_id: string; body: string }>`
        select x.ticket_id, x.body from unnest(${ids}::bigint[]) as i (id)
        cross join lateral (
          select m.ticket_id, left(m.body, 4000) as body from messages m
          where m.tenant_id = ${tenantId} and m.ticket_id = i.id and (m.public or ${staff})
          order by m.id desc limit ${perTicket}
        ) x`.execute(trx);
      return rows;
    },

    async users(ids: string[]) {
      const { rows } = await sql<{ id: string; name: string; email: string | null; phone: string | null; role: string; organization_id: string | null }>`
        select id, name, email, phone, role, organization_id from users where tenant_id = ${tenantId} and id = any(${ids}::bigint[])`.execute(trx);
      return rows;
    },

    async organizations(ids: string[]) {
      const { rows } = await sql<{ id: string; name: string; domains: string[] }>`
        select id, name, domains from organizations where tenant_id = ${tenantId} and id = any(${ids}::bigint[])`.execute(trx);
      return rows;
    },

    /** PostgreSQL's english stem of each word (the word itself for stop words). */
    async stems(words: string[]): Promise<Map<string, string>> {
      if (words.length === 0) return new Map();
      const { rows } = await sql<{ w: string; stem: string }>`
        select w, coalesce((ts_lexize('english_stem', w))[1], w) as stem from unnest(${words}::text[]) as w`.execute(trx);
      return new Map(rows.map((row) => [row.w, row.stem]));
    },

    async groupIdsByName(names: string[]): Promise<Map<string, string>> {
      if (names.length === 0) return new Map();
      const { rows } = await sql<{ name: string; id: string }>`select lower(name) as name, id from groups
        where tenant_id = ${tenantId} and lower(name) = any(${names}::text[])`.execute(trx);
      return new Map(rows.map((row) => [row.name, row.id]));
    },

    async userIdsByEmail(emails: string[]): Promise<Map<string, string>> {
      if (emails.length === 0) return new Map();
      const { rows } = await sql<{ email: string; id: string }>`select lower(email) as email, id from users
        where tenant_id = ${tenantId} and lower(email) = any(${emails}::text[])`.execute(trx);
      return new Map(rows.map((row) => [row.email, row.id]));
    },
  };
}
export type SearchRepo = ReturnType<typeof searchRepo>;
