import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSegmenter, reindexTenant } from '../../src/modules/search/index.ts';
import { createSearchService } from '../../src/modules/search/search.service.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createTenantWithRoles } from '../helpers/factories.ts';
import { createTicket, type Json } from '../helpers/ticket-factories.ts';

/**
 * Recency windows (migration 0710, domain/recency-windows) change what a search costs, never what
 * it finds: the same queries, windowed from a few thousand ids and over the whole tenant, return
 * the same pages. The tenant's tickets are spread over ~60k ids (the identity is moved on between
 * batches), so the windows really cut through them.
 */
describe('search windows of recent tickets', () => {
  let t: TestApp;
  let env: Awaited<ReturnType<typeof createTenantWithRoles>>;
  let other: Awaited<ReturnType<typeof createTenantWithRoles>>;
  const made: Json[] = [];

  const skipIds = async (count: number) => {
    await sql`select setval(pg_get_serial_sequence('tickets', 'id'), (select max(id) from tickets) + ${count})`.execute(t.ctx.db.system);
  };
  const batch = async (name: string, count: number, extra: (i: number) => Json = () => ({})) => {
    for (let i = 0; i < count; i++) {
      made.push(await createTicket(t.app, env.tokens.agent, { subject: `${name} ${i} 退款`, comment: { body: `我要申请退款 refund ${name} ${i}` }, ...extra(i) }));
    }
  };

  beforeAll(async () => {
    t = await createTestApp();
    env = await createTenantWithRoles(t.ctx.db);
    other = await createTenantWithRoles(t.ctx.db);
    await batch('old', 4, (i) => ({ tags: i % 2 ? ['vip'] : [] }));
    await skipIds(40_000);
    await batch('middle', 4, (i) => ({ tags: i % 2 ? ['vip'] : [] }));
    // Holds 退款, 款申 and 申请, not the phrase 退款申请: only the phrase check can turn it away.
    made.push(await createTicket(t.app, env.tokens.agent, { subject: '款申报', comment: { body: '我要退款。申请过了' } }));
    await skipIds(20_000);
    await batch('new', 6, (i) => ({ tags: i % 3 ? [] : ['vip'], ...(i === 5 ? { comment: { body: '退款申请 refund 退款申请 new' } } : {}) }));
    // Another tenant's documents among the newest ids: never found, never counted.
    for (let i = 0; i < 4; i++) await createTicket(t.app, other.tokens.agent, { subject: `退款 ${i}`, comment: { body: '申请退款 refund 退款申请' } });
    for (const tenant of [env.tenant.id, other.tenant.id]) await reindexTenant(t.ctx.db, tenant, { segmenter: getSegmenter() });
  });
  afterAll(() => t.close());

  const actor = () => ({ tenantId: env.tenant.id, userId: env.users.agent.id, role: 'agent' as const, name: 'a', locale: null, groupIds: [], ticketAccess: 'all' as const, kind: 'token' as const });
  const pages = async (service: ReturnType<typeof createSearchService>, q: string) => {
    const seen: Array<{ id: string; rank: number | null }> = [];
    let cursor: string | undefined;
    let capped = false;
    do {
      const page = await service.search(actor(), { q, type: 'ticket', limit: 2, ...(cursor ? { cursor } : {}) });
      if (page.type !== 'ticket') throw new Error('ticket results expected');
      seen.push(...page.hits.map((hit) => ({ id: hit.id, rank: hit.rank })));
      capped ||= page.capped;
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    return { seen, capped };
  };
  const queries = ['退款', 'refund', '"申请退款"', '"退款申请"', '退款 tag:vip', 'refund -vip', '退款 status<solved', '退款 -订单号'];

  it('the ids are spread as intended (the windows below cut through them)', () => {
    const ids = made.map((ticket) => BigInt(ticket.id));
    expect(ids.at(-1)! - ids[0]!).toBeGreaterThan(60_000n);
  });

  it('windowed and whole-tenant searches return the same pages, at any cap', async () => {
    for (const cap of [2, 3, 5, 8, 12, 300]) {
      const whole = createSearchService({ db: t.ctx.db, segmenter: getSegmenter, candidateCap: cap, firstWindow: 2n ** 62n });
      for (const firstWindow of [4_096n, 9_000n, 30_000n]) {
        const windowed = createSearchService({ db: t.ctx.db, segmenter: getSegmenter, candidateCap: cap, firstWindow });
        for (const q of queries) {
          expect(await pages(windowed, q), `${q}, cap ${cap}, first window ${firstWindow}`).toEqual(await pages(whole, q));
        }
      }
    }
  });

  it('the newest matches fill the cap from the first window', async () => {
    const service = createSearchService({ db: t.ctx.db, segmenter: getSegmenter, candidateCap: 3, firstWindow: 4_096n });
    const found = await pages(service, '退款');
    expect(found.capped).toBe(true);
    const newest = made.filter((ticket) => ticket.subject.startsWith('new')).slice(-3).map((ticket) => ticket.id);
    expect(found.seen.map((hit) => hit.id).sort()).toEqual(newest.sort());
  });

  it('a phrase is checked on its candidates: the words alone, out of order, do not match', async () => {
    const service = createSearchService({ db: t.ctx.db, segmenter: getSegmenter, firstWindow: 4_096n });
    const phrase = (await pages(service, '"退款申请"')).seen.map((hit) => hit.id);
    expect(phrase).toEqual([made.at(-1)!.id]);
    const words = (await pages(service, '退款 款申 申请')).seen.map((hit) => hit.id);
    expect(words).toContain(made.find((ticket) => ticket.subject === '款申报')!.id);
  });

  it('another tenant’s newest documents never come back, nor count toward the cap', async () => {
    const service = createSearchService({ db: t.ctx.db, segmenter: getSegmenter, candidateCap: 300, firstWindow: 4_096n });
    const found = (await pages(service, 'refund')).seen.map((hit) => hit.id);
    expect(new Set(found)).toEqual(new Set(made.filter((ticket) => ticket.subject !== '款申报').map((ticket) => ticket.id)));
  });
});
