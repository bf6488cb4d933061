import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSegmenter, reindexTenant } from '../../src/modules/search/index.ts';
import { createSearchService } from '../../src/modules/search/search.service.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createGroup, createOrganization, createTenantWithRoles, createToken, createUser } from '../helpers/factories.ts';
import { createTicket, postMessage, type Json } from '../helpers/ticket-factories.ts';

/** Retrieval over a small zh/en corpus written for these tests, and who may find what. */
describe('GET /api/v1/search', () => {
  let t: TestApp;
  let env: Awaited<ReturnType<typeof createTenantWithRoles>>;
  let other: Awaited<ReturnType<typeof createTenantWithRoles>>;
  let groupAgentToken: string;
  const tickets: Record<string, Json> = {};

  const search = (token: string, q: string, extra: Record<string, string> = {}) =>
    t.app.inject({ url: '/api/v1/search', query: { q, ...extra }, headers: bearer(token) });
  const ids = async (token: string, q: string, extra: Record<string, string> = {}) => {
    const response = await search(token, q, extra);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().data.map((hit: Json) => hit.id) as string[];
  };

  beforeAll(async () => {
    t = await createTestApp();
    env = await createTenantWithRoles(t.ctx.db);
    other = await createTenantWithRoles(t.ctx.db);
    const tenantId = env.tenant.id;
    const afterSales = await createGroup(t.ctx.db, tenantId, { name: '售后' });
    const groupAgent = await createUser(t.ctx.db, tenantId, { role: 'agent', ticketAccess: 'groups', groupIds: [afterSales] });
    groupAgentToken = await createToken(t.ctx.db, tenantId, groupAgent.id);
    const agent = env.tokens.agent;
    const mine = { requester: undefined, requester_id: env.users.customer.id };
    const stranger = (n: number) => ({ requester: { email: `stranger${n}@example.cn`, name: `刘洋${n}` } });

    tickets.logistics = await createTicket(t.app, agent, { ...mine, subject: '物流问题', comment: { body: '我的物流一直延迟，三天没有更新了' }, tags: ['vip'], group_id: afterSales });
    tickets.refund = await createTicket(t.app, agent, { ...stranger(1), subject: '退款', comment: { body: '我要申请退款，订单号12345' } });
    tickets.manager = await createTicket(t.app, agent, { ...stranger(2), subject: '請幫我轉給王經理處理', comment: { body: '王經理說明天會回覆' } });
    tickets.refunded = await createTicket(t.app, agent, { ...mine, subject: 'Money back', comment: { body: 'The customer was refunded yesterday' }, tags: ['spam'] });
    tickets.password = await createTicket(t.app, agent, { ...stranger(3), subject: 'Cannot sign in', comment: { body: 'I forgot my password and the reset e-mail never came' } });
    tickets.mixed = await createTicket(t.app, agent, { ...stranger(4), subject: 'iPhone 15屏幕碎了', comment: { body: 'My screen cracked, 申请换货 please' } });
    tickets.secret = await createTicket(t.app, agent, { ...stranger(5), subject: 'Confidential merger', comment: { body: 'secret acquisition plans' } });
    tickets.subjectWins = await createTicket(t.app, agent, { ...stranger(6), subject: 'Warranty claim', comment: { body: 'see attached' } });
    tickets.bodyOnly = await createTicket(t.app, agent, { ...stranger(7), subject: 'Question', comment: { body: 'is the warranty still valid' } });
    await postMessage(t.app, agent, tickets.logistics.id, { body: '内部备注：这个客户是黄牛 scalper', public: false });
    await createTicket(t.app, other.tokens.agent, { subject: '物流延迟 secret', comment: { body: '另一个公司的物流延迟' } });
    await createUser(t.ctx.db, tenantId, { role: 'customer', name: '王經理', email: 'wang.jingli@example.tw' });
    await createOrganization(t.ctx.db, tenantId, { name: '华为技术有限公司', domains: ['huawei.example.com'] });

    for (const tenant of [env.tenant.id, other.tenant.id]) await reindexTenant(t.ctx.db, tenant, { segmenter: getSegmenter() });
  });
  afterAll(() => t.close());

  it('物流延迟 finds 我的物流一直延迟, with the words marked', async () => {
    const response = await search(env.tokens.agent, '物流延迟');
    const hit = response.json().data[0];
    expect(hit.id).toBe(tickets.logistics.id);
    expect(hit.snippet_html).toBe('我的<mark>物流</mark>一直<mark>延迟</mark>，三天没有更新了');
    expect(hit.title_html).toBe('<mark>物流</mark>问题');
    expect(hit).toMatchObject({ type: 'ticket', number: String(tickets.logistics.number), tags: ['vip'] });
  });

  it('退款 finds 申请退款; 王經理 finds 王經理; a mixed query finds mixed text', async () => {
    expect(await ids(env.tokens.agent, '退款')).toEqual([tickets.refund.id]);
    expect(await ids(env.tokens.agent, '申请退款')).toEqual([tickets.refund.id]);
    expect(await ids(env.tokens.agent, '王經理')).toEqual([tickets.manager.id]);
    expect(await ids(env.tokens.agent, 'iPhone 换货')).toEqual([tickets.mixed.id]);
    expect(await ids(env.tokens.agent, 'ｉＰｈｏｎｅ')).toEqual([tickets.mixed.id]);
  });

  it('English is stemmed (refunds finds refunded) and typos are tolerated (pasword)', async () => {
    const [hit] = (await search(env.tokens.agent, 'refunds')).json().data;
    expect(hit.id).toBe(tickets.refunded.id);
    expect(hit.snippet_html).toBe('The customer was <mark>refunded</mark> yesterday');
    expect(await ids(env.tokens.agent, 'pasword')).toEqual([tickets.password.id]);
    expect(await ids(env.tokens.agent, 'Password')).toEqual([tickets.password.id]);
  });

  it('phrases match in order; exclusions remove', async () => {
    expect(await ids(env.tokens.agent, '"申请退款"')).toEqual([tickets.refund.id]);
    expect(await ids(env.tokens.agent, '"退款申请"')).toEqual([]);
    expect(await ids(env.tokens.agent, '"reset e-mail"')).toEqual([tickets.password.id]);
    expect(await ids(env.tokens.agent, '退款 -订单号')).toEqual([]);
    expect(await ids(env.tokens.agent, 'cracked')).toEqual([tickets.mixed.id]);
    expect(await ids(env.tokens.agent, 'cracked -iphone')).toEqual([]);
  });

  it('ranks a subject match above a message match', async () => {
    expect(await ids(env.tokens.agent, 'warranty')).toEqual([tickets.subjectWins.id, tickets.bodyOnly.id]);
  });

  it('filters narrow the text, and filter-only queries list the newest first', async () => {
    expect(await ids(env.tokens.agent, '物流 tag:vip')).toEqual([tickets.logistics.id]);
    expect(await ids(env.tokens.agent, '物流 -tag:vip')).toEqual([]);
    expect(await ids(env.tokens.agent, 'group:"售后"')).toEqual([tickets.logistics.id]);
    expect(await ids(env.tokens.agent, 'tag:spam')).toEqual([tickets.refunded.id]);
    expect(await ids(env.tokens.agent, 'status<solved priority>=high')).toEqual([]);
    expect((await ids(env.tokens.agent, 'status<solved')).length).toBe(9);
    expect(await ids(env.tokens.agent, `requester:${env.users.customer.email}`)).toEqual([tickets.refunded.id, tickets.logistics.id]);
    expect(await ids(env.tokens.agent, 'created>2000-01-01 -tag:spam -tag:vip -warranty -question')).toHaveLength(6);
    expect(await ids(env.tokens.agent, 'group:"没有这个组"')).toEqual([]);
  });

  it('internal notes match for staff, never for the customer', async () => {
    expect(await ids(env.tokens.agent, '黄牛')).toEqual([tickets.logistics.id]);
    expect(await ids(env.tokens.light_agent, 'scalper')).toEqual([tickets.logistics.id]);
    expect(await ids(env.tokens.customer, '黄牛')).toEqual([]);
    expect(await ids(env.tokens.customer, 'scalper')).toEqual([]);
    const [hit] = (await search(env.tokens.customer, '物流')).json().data;
    expect(hit.snippet_html).not.toContain('黄牛');
  });

  it('a customer finds only their own tickets and cannot search people', async () => {
    expect(await ids(env.tokens.customer, '物流延迟')).toEqual([tickets.logistics.id]);
    expect(await ids(env.tokens.customer, 'secret')).toEqual([]);
    expect(await ids(env.tokens.customer, 'tag:spam')).toEqual([tickets.refunded.id]);
    for (const type of ['user', 'organization']) {
      const response = await search(env.tokens.customer, '王', { type });
      expect(response.statusCode).toBe(403);
    }
  });

  it('a group-restricted agent finds only their groups’ tickets', async () => {
    expect(await ids(groupAgentToken, '物流')).toEqual([tickets.logistics.id]);
    expect(await ids(groupAgentToken, '退款')).toEqual([]);
    expect(await ids(groupAgentToken, 'status<solved')).toEqual([tickets.logistics.id]);
  });

  it('tenants never see each other’s documents', async () => {
    expect(await ids(env.tokens.agent, '物流延迟')).toEqual([tickets.logistics.id]);
    const theirs = await ids(other.tokens.agent, '物流延迟');
    expect(theirs).toHaveLength(1);
    expect(theirs).not.toContain(tickets.logistics.id);
    expect(await ids(other.tokens.agent, '退款')).toEqual([]);
  });

  it('finds users by Chinese name, e-mail part, and organizations by name and domain', async () => {
    const users = (await search(env.tokens.light_agent, '王經理', { type: 'user' })).json().data;
    expect(users[0]).toMatchObject({ type: 'user', name: '王經理', title_html: '<mark>王經理</mark>' });
    expect((await search(env.tokens.agent, 'jingli', { type: 'user' })).json().data[0].name).toBe('王經理');
    expect((await search(env.tokens.agent, '刘洋3', { type: 'user' })).json().data[0]?.email).toBe('stranger3@example.cn');
    const orgs = (await search(env.tokens.agent, '华为', { type: 'organization' })).json().data;
    expect(orgs[0]).toMatchObject({ type: 'organization', name: '华为技术有限公司', title_html: '<mark>华为</mark>技术有限公司' });
    expect((await search(env.tokens.agent, 'huawei', { type: 'organization' })).json().data).toHaveLength(1);
    const fielded = await search(env.tokens.agent, '王 status:open', { type: 'user' });
    expect(fielded.statusCode).toBe(400);
    expect(fielded.json().errors[0]).toMatchObject({ path: 'q', position: 2 });
  });

  it('a malformed query is a 400 with the position of the fault', async () => {
    const cases: Array<[string, number]> = [['status:opened', 7], ['refund "unclosed', 7], ['colour:red', 0], ['tag>vip', 3], ['created>2026-02-30', 8], ['', 0]];
    for (const [q, position] of cases) {
      const response = await search(env.tokens.agent, q);
      expect(response.statusCode, q).toBe(400);
      expect(response.json()).toMatchObject({ code: 'SEARCH_QUERY_INVALID', errors: [{ path: 'q', position, message: expect.any(String) }] });
    }
  });

  it('pages through results with a cursor bound to the query', async () => {
    for (let i = 0; i < 7; i++) await createTicket(t.app, env.tokens.agent, { subject: `翻页测试 ${i}`, comment: { body: 'pagination probe' } });
    await reindexTenant(t.ctx.db, env.tenant.id, { segmenter: getSegmenter(), kinds: ['tickets'] });
    for (const q of ['翻页测试', 'pagination status:new']) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = (await search(env.tokens.agent, q, { limit: '3', ...(cursor ? { cursor } : {}) })).json();
        seen.push(...page.data.map((hit: Json) => hit.id));
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      expect(new Set(seen).size, q).toBe(7);
    }
    const first = (await search(env.tokens.agent, '翻页测试', { limit: '3' })).json();
    const replay = await search(env.tokens.agent, 'pagination', { cursor: first.next_cursor });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().code).toBe('SEARCH_CURSOR_INVALID');
    expect((await search(env.tokens.agent, '翻页测试', { cursor: 'garbage' })).statusCode).toBe(400);
  });

  it('the first window and the candidate cap change cost, not what a page holds (search-windows.test.ts: over spread ids)', async () => {
    const actor = { tenantId: env.tenant.id, userId: env.users.agent.id, role: 'agent' as const, name: 'a', locale: null, groupIds: [], ticketAccess: 'all' as const, kind: 'token' as const };
    const page = (service: ReturnType<typeof createSearchService>, q: string) => service.search(actor, { q, type: 'ticket', limit: 25 });
    const plain = createSearchService({ db: t.ctx.db, segmenter: getSegmenter });
    const windowed = createSearchService({ db: t.ctx.db, segmenter: getSegmenter, firstWindow: 1n });
    for (const q of ['翻页测试', 'warranty', '退款', 'pagination status:new']) {
      expect((await page(windowed, q)).hits.map((h) => h.id), q).toEqual((await page(plain, q)).hits.map((h) => h.id));
    }
    const capped = await page(createSearchService({ db: t.ctx.db, segmenter: getSegmenter, candidateCap: 3, firstWindow: 2n }), '翻页测试');
    expect(capped.capped).toBe(true);
    expect(capped.hits).toHaveLength(3);
  });

  it('asks for sign-in first', async () => {
    expect((await t.app.inject({ url: '/api/v1/search?q=x' })).statusCode).toBe(401);
  });
});
