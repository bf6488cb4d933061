import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createGroup, createOrganization, createTenantWithRoles, createToken, createUser } from '../helpers/factories.ts';
import { createTicket, updateTicket, type Json } from '../helpers/ticket-factories.ts';

describe('GET /api/v1/tickets', () => {
  let t: TestApp;
  let env: Awaited<ReturnType<typeof createTenantWithRoles>>;
  let group: string;
  let org: string;
  const tickets: Json[] = [];
  const list = async (query: string, token = env.tokens.admin) => {
    const response = await t.app.inject({ url: `/api/v1/tickets${query}`, headers: bearer(token) });
    if (response.statusCode !== 200) throw new Error(`${response.statusCode} ${response.body}`);
    return response.json() as { data: Json[]; next_cursor: string | null };
  };
  const ids = (page: { data: Json[] }) => page.data.map((ticket) => ticket.id);

  beforeAll(async () => {
    t = await createTestApp();
    env = await createTenantWithRoles(t.ctx.db);
    group = await createGroup(t.ctx.db, env.tenant.id, { memberIds: [env.users.agent.id] });
    org = await createOrganization(t.ctx.db, env.tenant.id, { domains: ['bigcorp.example'] });
    // 0: new, unassigned; 1: assigned to the agent in the group, high, tagged; 2: pending, via email;
    // 3: requester in an organization; 4: solved
    tickets.push(await createTicket(t.app, env.tokens.admin));
    tickets.push(await createTicket(t.app, env.tokens.admin, { assignee_id: env.users.agent.id, group_id: group, priority: 'high', tags: ['vip'] }));
    tickets.push(await createTicket(t.app, env.tokens.admin, { status: 'pending', via: 'email' }));
    tickets.push(await createTicket(t.app, env.tokens.admin, { requester: { email: 'ceo@bigcorp.example' }, type: 'incident' }));
    tickets.push(await updateTicket(t.app, env.tokens.admin, await createTicket(t.app, env.tokens.admin), { status: 'solved' }));
  });
  afterAll(() => t.close());

  it('lists newest first', async () => {
    expect(ids(await list(''))).toEqual(tickets.map((ticket) => ticket.id).reverse());
  });

  it.each([
    ['?status=new', [0, 3]],
    ['?status=pending,solved', [2, 4]],
    ['?status_category=open', [1]],
    ['?assignee_id=none&status=new', [0, 3]],
    ['?priority=high', [1]],
    ['?tag=VIP', [1]],
    ['?via=email', [2]],
    ['?type=incident', [3]],
  ])('filters %s', async (query, expected) => {
    expect(ids(await list(query)).sort()).toEqual(expected.map((index) => tickets[index]!.id).sort());
  });

  it('filters by assignee (me), group, requester, organization and time ranges', async () => {
    expect(ids(await list('?assignee_id=me', env.tokens.agent))).toEqual([tickets[1]!.id]);
    expect(ids(await list(`?group_id=${group}`))).toEqual([tickets[1]!.id]);
    expect(ids(await list(`?requester_id=${tickets[2]!.requester_id}`))).toEqual([tickets[2]!.id]);
    expect(ids(await list(`?organization_id=${org}`))).toEqual([tickets[3]!.id]);
    expect(ids(await list(`?number=%23${tickets[2]!.number}`))).toEqual([tickets[2]!.id]);
    expect((await list('?created_after=2000-01-01T00:00:00Z')).data).toHaveLength(5);
    expect((await list('?created_before=2000-01-01T00:00:00Z')).data).toHaveLength(0);
    expect((await list(`?updated_after=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).data).toHaveLength(0);
  });

  it('pages with a cursor over id', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const page = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...ids(page));
      cursor = page.next_cursor;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(tickets.map((ticket) => ticket.id).reverse());
  });

  it('pages by updated_at, most recently updated first', async () => {
    await updateTicket(t.app, env.tokens.admin, tickets[0]!, { priority: 'urgent' });
    const first = await list('?sort=updated_at&limit=3');
    expect(first.data[0]!.id).toBe(tickets[0]!.id);
    const second = await list(`?sort=updated_at&limit=3&cursor=${first.next_cursor}`);
    expect(second.next_cursor).toBeNull();
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(5);
  });

  it.each([
    ['?limit=101'],
    ['?limit=0'],
    ['?limit=abc'],
    ['?status=sleeping'],
    ['?cursor=garbage'],
    ['?created_after=yesterday'],
    ['?assignee_id=someone'],
    ['?sort=subject'],
  ])('refuses %s with 400', async (query) => {
    const response = await t.app.inject({ url: `/api/v1/tickets${query}`, headers: bearer(env.tokens.admin) });
    expect(response.statusCode).toBe(400);
  });

  it('applies the caller’s access to lists', async () => {
    const grouped = await createUser(t.ctx.db, env.tenant.id, { role: 'agent', ticketAccess: 'groups', groupIds: [group] });
    const groupedToken = await createToken(t.ctx.db, env.tenant.id, grouped.id);
    expect(ids(await list('', groupedToken))).toEqual([tickets[1]!.id]);
    const customerTicket = await createTicket(t.app, env.tokens.admin, { requester: undefined, requester_id: env.users.customer.id });
    expect(ids(await list('', env.tokens.customer))).toEqual([customerTicket.id]);
  });
});
