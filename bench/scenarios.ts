// What the benchmark measures, each against the running server with a bench agent's token.
import { sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../apps/server/src/platform/db/database.ts';
import { closedLoop, sampleLatency, type ApiClient, type Latency, type Throughput } from './measure.ts';

export interface ScenarioContext {
  api: ApiClient;
  /** An agent who sees only the tickets of his groups (views and counts filter by visibility). */
  groupApi: ApiClient;
  db: Database;
  databaseUrl: string;
  tenantId: string;
  agentId: string;
  agentGroupIds: string[];
  samples: number;
  warmup: number;
}

export interface NamedLatency {
  name: string;
  latency: Latency;
  /** Rows on the first page, or a count of stale answers: whatever tells the reader what was measured. */
  note?: string;
}

const LIVE = 'new,open,pending,on_hold';

/**
 * The first page of each default view, through GET /views/:id/tickets; before the views module
 * existed, through GET /tickets with the equivalent filters (said in the result).
 */
export async function measureViews(ctx: ScenarioContext): Promise<{ source: string; results: NamedLatency[] }> {
  const results: NamedLatency[] = [];
  if (await ctx.api.exists('/views')) {
    const views = (await ctx.api.get<{ data: Array<{ id: string; key: string | null; title: string }> }>('/views')).data;
    for (const view of views) {
      let rows = 0;
      const latency = await sampleLatency(async () => {
        rows = (await ctx.api.get<{ data: unknown[] }>(`/views/${view.id}/tickets`)).data.length;
      }, ctx);
      results.push({ name: `view ${view.key ?? view.title}`, latency, note: `${rows} rows` });
    }
    return { source: 'GET /api/v1/views/:id/tickets', results };
  }
  const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString();
  const equivalents: Array<[string, string]> = [
    ['my_open', `?assignee_id=me&status=${LIVE}&sort=updated_at`],
    ['unassigned_my_groups', `?assignee_id=none&group_id=${ctx.agentGroupIds[0]}&status=${LIVE}&sort=updated_at`],
    ['all_open', `?status=${LIVE}&sort=updated_at`],
    ['pending', '?status=pending&sort=updated_at'],
    ['recently_solved', `?status=solved&updated_after=${encodeURIComponent(weekAgo)}&sort=updated_at`],
  ];
  for (const [name, query] of equivalents) {
    let rows = 0;
    const latency = await sampleLatency(async () => {
      rows = (await ctx.api.get<{ data: unknown[] }>(`/tickets${query}`)).data.length;
    }, ctx);
    results.push({ name: `view ${name}`, latency, note: `${rows} rows` });
  }
  return { source: 'GET /api/v1/tickets with the default views\' filters (no views API yet)', results };
}

/** GET /views/counts for an agent who sees all tickets, and for one who sees his groups' only. */
export async function measureCounts(ctx: ScenarioContext): Promise<NamedLatency[] | null> {
  if (!(await ctx.api.exists('/views/counts'))) return null;
  const results: NamedLatency[] = [];
  for (const [name, api] of [['counts, agent (all tickets)', ctx.api], ['counts, agent (his groups)', ctx.groupApi]] as const) {
    let answers = 0;
    let stale = 0;
    const latency = await sampleLatency(async () => {
      const counts = (await api.get<{ data: Array<{ stale: boolean }> }>('/views/counts')).data;
      answers += counts.length;
      stale += counts.filter((count) => count.stale).length;
    }, ctx);
    results.push({ name, latency, note: `${answers ? Math.round((100 * stale) / answers) : 0}% of counts from the 2 s cache` });
  }
  return results;
}

/** The ticket page: the ticket, its messages and its history, requested together as the web app does. */
export async function measureTicketPage(ctx: ScenarioContext): Promise<NamedLatency> {
  const total = ctx.samples + ctx.warmup;
  const ids = (
    await sql<{ id: string }>`select id from tickets tablesample system (1) where tenant_id = ${ctx.tenantId} limit ${total}`.execute(ctx.db.system)
  ).rows.map((row) => row.id);
  if (ids.length < total) {
    ids.push(...(await sql<{ id: string }>`select id from tickets where tenant_id = ${ctx.tenantId} order by random() limit ${total}`.execute(ctx.db.system)).rows.map((row) => row.id));
  }
  let messages = 0;
  const latency = await sampleLatency(async (i) => {
    const id = ids[i % ids.length]!;
    const [, page] = await Promise.all([
      ctx.api.get(`/tickets/${id}`),
      ctx.api.get<{ data: unknown[] }>(`/tickets/${id}/messages`),
      ctx.api.get(`/tickets/${id}/events`),
    ]);
    messages += page.data.length;
  }, ctx);
  return { name: 'ticket page (ticket + messages + events)', latency, note: `${(messages / total).toFixed(1)} messages per ticket` };
}

export const SEARCH_QUERIES: Array<[string, string]> = [
  ['search zh', '物流延迟'],
  ['search en', 'refund not received'],
  ['search mixed', 'invoice 发票'],
  ['search filtered', 'status<solved tag:vip 退款'],
  ['search phrase', '"申请退款"'],
];

export async function measureSearch(ctx: ScenarioContext): Promise<NamedLatency[] | null> {
  if (!(await ctx.api.exists('/search?q=bench'))) return null;
  const results: NamedLatency[] = [];
  for (const [name, query] of SEARCH_QUERIES) {
    let hits = 0;
    const latency = await sampleLatency(async () => {
      hits = (await ctx.api.get<{ data: unknown[] }>(`/search?q=${encodeURIComponent(query)}`)).data.length;
    }, ctx);
    results.push({ name: `${name}: ${query}`, latency, note: `${hits} hits on the first page` });
  }
  return results;
}

export interface CreationResult {
  api: Throughput;
  raw: Throughput;
  ratio: number;
  /** After the API burst: seconds until the reactions (outbox, jobs: search index, counts, analytics) caught up. */
  drainSeconds: number | null;
}

/**
 * Ticket creation under `clients` concurrent clients. First the baseline, on a quiet server:
 * the same rows written straight into PostgreSQL by as many connections, one statement each
 * (ticket + first message + created event, the number from the tenant's sequence). Then
 * POST /api/v1/tickets (validation, RLS, ticket + message + created and message events + outbox
 * + realtime notice), with the server's background roles reacting as in production. Both run
 * as long; then the time the reactions need to catch up.
 */
export async function measureCreation(ctx: ScenarioContext, options: { clients: number; seconds: number }): Promise<CreationResult> {
  const people = (
    await sql<{ id: string }>`select id from users where tenant_id = ${ctx.tenantId} and role = 'customer' order by id limit 500`.execute(ctx.db.system)
  ).rows.map((row) => row.id);
  const groupId = ctx.agentGroupIds[0]!;
  const body = '我的物流一直延迟，已经三天没有更新了。My parcel has not moved for three days.';
  const status = (
    await sql<{ id: string }>`select id from ticket_statuses where tenant_id = ${ctx.tenantId} and category = 'new' and is_default`.execute(ctx.db.system)
  ).rows[0]!.id;
  const clients = await Promise.all(Array.from({ length: options.clients }, async () => {
    const client = new pg.Client({ connectionString: ctx.databaseUrl, application_name: 'switchboard-bench-raw' });
    await client.connect();
    return client;
  }));
  let raw: Throughput;
  try {
    raw = await closedLoop(options.clients, options.seconds, async (client, i) => {
      const requester = people[(client * 7919 + i) % people.length];
      await clients[client]!.query(
        `with t as (
           insert into tickets (tenant_id, number, subject, status_id, status_category, priority, requester_id, submitter_id, group_id, via, tags)
           values ($1, next_ticket_number($1), $2, $3, 'new', 'normal', $4, $4, $5, 'api', '{物流}') returning id),
         m as (insert into messages (tenant_id, ticket_id, author_id, public, body, via)
           select $1, t.id, $4, true, $6, 'api' from t returning id)
         insert into ticket_events (tenant_id, ticket_id, type, actor_type, actor_id, via, changes, data)
         select $1, t.id, 'ticket.created', 'token', $4, 'api', $7::jsonb, '{}' from t`,
        [ctx.tenantId, `压测工单 raw ticket ${client}-${i}`, status, requester, groupId, body,
          JSON.stringify({ subject: [null, 'raw'], status_category: [null, 'new'], requester_id: [null, requester], group_id: [null, groupId] })],
      );
    });
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }

  const api = await closedLoop(options.clients, options.seconds, async (client, i) => {
    await ctx.api.post('/tickets', {
      subject: `压测工单 bench ticket ${client}-${i}`,
      comment: { body, public: true },
      requester_id: people[(client * 7919 + i) % people.length],
      group_id: groupId,
      priority: 'normal',
      tags: ['物流'],
    });
  });
  const drainSeconds = await waitForReactions(ctx, 300);
  return { api, raw, ratio: Math.round((api.perSecond / raw.perSecond) * 1000) / 1000, drainSeconds };
}

/** Seconds until the outbox is empty and no job is waiting or running (null: not within `limit`). */
export async function waitForReactions(ctx: ScenarioContext, limit: number): Promise<number | null> {
  const started = performance.now();
  for (;;) {
    const outbox = Number((await sql<{ n: string }>`select count(*) as n from outbox`.execute(ctx.db.system)).rows[0]!.n);
    const jobs = await sql<{ n: string }>`select count(*) as n from pgboss.job
      where state in ('created', 'retry', 'active') and start_after <= now()`.execute(ctx.db.system).then(
      (result) => Number(result.rows[0]!.n),
      () => 0,
    );
    const seconds = (performance.now() - started) / 1000;
    if (outbox === 0 && jobs === 0) return Math.round(seconds * 10) / 10;
    if (seconds > limit) return null;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
