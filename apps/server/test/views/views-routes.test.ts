import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createGroup, createTenant, createToken, createUser, type TestTenant } from '../helpers/factories.ts';
import { createTicket, updateTicket, type Json } from '../helpers/ticket-factories.ts';
import { eventually } from '../platform/jobs-support.ts';

describe('views API', () => {
  let t: TestApp;
  let acme: TestTenant;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const call = async (who: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
    const response = await t.app.inject({ method, url, payload, headers: who === 'anonymous' ? {} : bearer(tokens[who]!) });
    return { status: response.statusCode, body: response.body ? response.json() : null };
  };
  const viewsOf = async (who: string) => (await call(who, 'GET', '/api/v1/views')).body.data as Json[];
  const byKey = async (who: string, key: string) => (await viewsOf(who)).find((view) => view.key === key)!;
  const countsOf = async (who: string) =>
    Object.fromEntries(((await call(who, 'GET', '/api/v1/views/counts')).body.data as Json[]).map((c) => [c.view_id, c]));

  beforeAll(async () => {
    t = await createTestApp();
    acme = await createTenant(t.ctx.db);
    const tenantId = acme.tenant.id;
    ids.g1 = await createGroup(t.ctx.db, tenantId);
    ids.g2 = await createGroup(t.ctx.db, tenantId);
    const agent = await createUser(t.ctx.db, tenantId, { groupIds: [ids.g1] });
    const other = await createUser(t.ctx.db, tenantId, { groupIds: [ids.g2] });
    const groupAgent = await createUser(t.ctx.db, tenantId, { ticketAccess: 'groups', groupIds: [ids.g2] });
    const customer = await createUser(t.ctx.db, tenantId, { role: 'customer' });
    Object.assign(ids, { agent: agent.id, other: other.id, groupAgent: groupAgent.id, customer: customer.id });
    tokens.owner = await createToken(t.ctx.db, tenantId, acme.owner.id);
    tokens.agent = await createToken(t.ctx.db, tenantId, agent.id);
    tokens.agentRead = await createToken(t.ctx.db, tenantId, agent.id, 'read');
    tokens.other = await createToken(t.ctx.db, tenantId, other.id);
    tokens.groupAgent = await createToken(t.ctx.db, tenantId, groupAgent.id);
    tokens.customer = await createToken(t.ctx.db, tenantId, customer.id);
  });
  afterAll(() => t.close());

  it('seeds the five default views, in English and Chinese, for every staff member', async () => {
    const views = await viewsOf('agent');
    expect(views.map((v) => v.key)).toEqual(['my_open', 'unassigned_my_groups', 'all_open', 'pending', 'recently_solved']);
    expect(views.every((v) => v.scope === 'shared' && v.title && v.title_zh && v.can_edit === false)).toBe(true);
    expect((await viewsOf('owner')).every((v) => v.can_edit)).toBe(true);
    expect(views[0]).toMatchObject({ title: 'My open tickets', title_zh: '我的未解决工单', sort: { by: 'updated_at', direction: 'desc' } });
  });

  it('refuses anonymous callers (401), customers and read-only tokens writing (403)', async () => {
    expect((await call('anonymous', 'GET', '/api/v1/views')).status).toBe(401);
    expect((await call('anonymous', 'GET', '/api/v1/views/counts')).status).toBe(401);
    expect((await call('customer', 'GET', '/api/v1/views')).status).toBe(403);
    expect((await call('customer', 'GET', '/api/v1/views/counts')).status).toBe(403);
    expect((await call('agentRead', 'GET', '/api/v1/views')).status).toBe(200);
    const refused = await call('agentRead', 'POST', '/api/v1/views', { title: 'Mine', conditions: { all: [] } });
    expect(refused.status).toBe(403);
  });

  it('answers 400 with the path of each bad condition, and 400 for unknown keys', async () => {
    const bad = await call('agent', 'POST', '/api/v1/views', {
      title: 'Broken',
      conditions: { all: [{ field: 'priority', operator: 'is', value: 'extreme' }], any: [{ field: 'colour', operator: 'is', value: 'red' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VIEW_CONDITIONS_INVALID');
    expect(bad.body.errors.map((e: Json) => e.path)).toEqual(['body.conditions.all[0].value', 'body.conditions.any[0].field']);
    expect((await call('agent', 'POST', '/api/v1/views', { title: 'X', conditions: { all: [] }, colour: 'red' })).status).toBe(400);
    expect((await call('agent', 'POST', '/api/v1/views', { title: 'X', conditions: { all: [] }, sort: { by: 'subject' } })).status).toBe(400);
    expect((await call('agent', 'GET', '/api/v1/views/not-an-id')).status).toBe(400);
  });

  it('keeps personal views to their owner (404 for others) and shared writes to admins (403)', async () => {
    const created = await call('agent', 'POST', '/api/v1/views', {
      title: 'My VIPs', title_zh: '我的 VIP', conditions: { all: [{ field: 'tags', operator: 'includes_any', value: ['vip'] }] },
      sort: { by: 'next_sla_breach' }, columns: ['number', 'subject'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ scope: 'personal', owner_user_id: ids.agent, can_edit: true, sort_applied: { by: 'created_at', direction: 'asc' } });
    expect(created.body.sort_applied.note).toContain('next_sla_breach');
    const id = created.body.id as string;

    expect((await viewsOf('agent')).map((v) => v.id)).toContain(id);
    expect((await viewsOf('other')).map((v) => v.id)).not.toContain(id);
    expect((await viewsOf('owner')).map((v) => v.id)).not.toContain(id);
    for (const who of ['other', 'owner']) {
      expect((await call(who, 'GET', `/api/v1/views/${id}`)).status).toBe(404);
      expect((await call(who, 'GET', `/api/v1/views/${id}/tickets`)).status).toBe(404);
      expect((await call(who, 'PATCH', `/api/v1/views/${id}`, { title: 'Taken' })).status).toBe(404);
      expect((await call(who, 'DELETE', `/api/v1/views/${id}`)).status).toBe(404);
    }
    const renamed = await call('agent', 'PATCH', `/api/v1/views/${id}`, { title: 'VIPs' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ title: 'VIPs', title_zh: '我的 VIP', version: 2 });

    const shared = await byKey('agent', 'pending');
    expect((await call('agent', 'PATCH', `/api/v1/views/${shared.id}`, { title: 'Mine now' })).status).toBe(403);
    expect((await call('agent', 'DELETE', `/api/v1/views/${shared.id}`)).status).toBe(403);
    expect((await call('agent', 'POST', '/api/v1/views', { title: 'Team', scope: 'shared', conditions: { all: [] } })).status).toBe(403);
    const teamView = await call('owner', 'POST', '/api/v1/views', { title: 'Team', scope: 'shared', conditions: { all: [] } });
    expect(teamView.status).toBe(201);
    expect((await viewsOf('other')).map((v) => v.id)).toContain(teamView.body.id);
    expect((await call('owner', 'DELETE', `/api/v1/views/${teamView.body.id}`)).status).toBe(204);
    expect((await call('owner', 'GET', `/api/v1/views/${teamView.body.id}`)).status).toBe(404);
    expect((await call('agent', 'DELETE', `/api/v1/views/${id}`)).status).toBe(204);
    expect((await call('agent', 'GET', '/api/v1/views/999999999')).status).toBe(404);
  });

  it('pages a view in its order with cursors, as GET /tickets rows, within what the caller may see', async () => {
    const view = await call('owner', 'POST', '/api/v1/views', {
      title: 'Paging', scope: 'shared', sort: { by: 'priority', direction: 'desc' },
      conditions: { all: [{ field: 'tags', operator: 'includes_any', value: ['paging'] }] },
    });
    const made: Json[] = [];
    for (const [priority, group] of [['low', ids.g1], ['urgent', ids.g2], ['high', ids.g1], ['urgent', ids.g1], ['normal', ids.g2]] as const) {
      made.push(await createTicket(t.app, tokens.owner!, { priority, group_id: group, tags: ['paging'] }));
    }
    const seen: Json[] = [];
    let cursor: string | null = null;
    do {
      const page = await call('owner', 'GET', `/api/v1/views/${view.body.id}/tickets?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.data);
      cursor = page.body.next_cursor;
    } while (cursor);
    const order = ['urgent', 'high', 'normal', 'low'];
    const expected = [...made].sort((a, b) => order.indexOf(a.priority) - order.indexOf(b.priority) || Number(b.id) - Number(a.id));
    expect(seen.map((row) => row.id)).toEqual(expected.map((row) => row.id));
    const direct = await call('owner', 'GET', `/api/v1/tickets/${made[0]!.id}`);
    expect(seen.find((row) => row.id === made[0]!.id)).toEqual(direct.body);

    // A group-restricted agent sees only the g2 tickets of the same view, and counts them.
    const restricted = await call('groupAgent', 'GET', `/api/v1/views/${view.body.id}/tickets`);
    expect(restricted.body.data.map((row: Json) => row.id).sort()).toEqual(made.filter((m) => m.group_id === ids.g2).map((m) => m.id).sort());
    expect((await countsOf('groupAgent'))[view.body.id]).toMatchObject({ count: 2 });
    expect((await countsOf('owner'))[view.body.id]).toMatchObject({ count: 5 });

    const badCursor = await call('owner', 'GET', `/api/v1/views/${view.body.id}/tickets?cursor=bm90LWEtY3Vyc29y`);
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.code).toBe('INVALID_CURSOR');

    // A clicked column orders the whole view on the server, across pages: oldest number first.
    const ascending: Json[] = [];
    cursor = null;
    do {
      const page = await call('owner', 'GET', `/api/v1/views/${view.body.id}/tickets?limit=2&sort=id&direction=asc${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      ascending.push(...page.body.data);
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(ascending.map((row) => row.id)).toEqual(made.map((row) => row.id));
    // A cursor of one order is refused for another; an unknown order is a 400.
    const firstByPriority = await call('owner', 'GET', `/api/v1/views/${view.body.id}/tickets?limit=2`);
    const mixed = await call('owner', 'GET', `/api/v1/views/${view.body.id}/tickets?sort=updated_at&cursor=${firstByPriority.body.next_cursor}`);
    expect(mixed.body.code).toBe('INVALID_CURSOR');
    expect((await call('owner', 'GET', `/api/v1/views/${view.body.id}/tickets?sort=subject`)).status).toBe(400);
  });

  it('counts every view of the caller at once, following ticket changes', async () => {
    const myOpen = (await byKey('agent', 'my_open')).id;
    const unassignedMine = (await byKey('agent', 'unassigned_my_groups')).id;
    const allOpen = (await byKey('agent', 'all_open')).id;
    const pending = (await byKey('agent', 'pending')).id;
    const solved = (await byKey('agent', 'recently_solved')).id;
    const before = await countsOf('agent');
    const otherBefore = await countsOf('other');
    expect(before[myOpen]).toEqual({ view_id: myOpen, count: 0, stale: false });

    const ticket = await createTicket(t.app, tokens.owner!, { group_id: ids.g1 });
    let now = await countsOf('agent');
    expect(now[unassignedMine]!.count).toBe(before[unassignedMine]!.count + 1);
    expect(now[allOpen]!.count).toBe(before[allOpen]!.count + 1);
    // 'Unassigned in my groups' is per viewer: the agent of g2 does not get the g1 ticket.
    expect((await countsOf('other'))[unassignedMine]!.count).toBe(otherBefore[unassignedMine]!.count);

    const assigned = await updateTicket(t.app, tokens.owner!, ticket, { assignee_id: ids.agent, status: 'pending' });
    now = await countsOf('agent');
    expect(now[myOpen]!.count).toBe(1);
    expect(now[unassignedMine]!.count).toBe(before[unassignedMine]!.count);
    expect(now[pending]!.count).toBe(before[pending]!.count + 1);

    await updateTicket(t.app, tokens.owner!, assigned, { status: 'solved' });
    now = await countsOf('agent');
    expect(now[myOpen]!.count).toBe(0);
    expect(now[allOpen]!.count).toBe(before[allOpen]!.count);
    // Recently solved is counted by its query and cached for a moment (stale meanwhile), then fresh.
    if (now[solved]!.count !== before[solved]!.count + 1) expect(now[solved]!.stale).toBe(true);
    await eventually(async () => {
      const fresh = (await countsOf('agent'))[solved]!;
      return fresh.count === before[solved]!.count + 1 && !fresh.stale;
    }, 10_000, 250);
  });
});
