import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/platform/auth-context/actor.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createOrganization, createTenantWithRoles, createToken, createUser, DEFAULT_PASSWORD, login } from '../helpers/factories.ts';

type World = Awaited<ReturnType<typeof createTenantWithRoles>>;
const SECRET_FIELDS = /password|hash|csrf/i;

describe('users API', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createTenantWithRoles(t.ctx.db);
  });
  afterAll(() => t.close());

  const as = (role: Role) => bearer(w.tokens[role]);
  const auditFor = (targetId: string) =>
    t.ctx.db.system.selectFrom('audit_log').selectAll().where('target_type', '=', 'user').where('target_id', '=', targetId).execute();

  it('401 without credentials, 401 with an unknown token', async () => {
    expect((await t.app.inject({ url: '/api/v1/users' })).statusCode).toBe(401);
    const bad = await t.app.inject({ url: '/api/v1/users', headers: bearer('sbt_' + 'x'.repeat(43)) });
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    const malformed = await t.app.inject({ url: '/api/v1/users', headers: { authorization: 'Basic abc' } });
    expect(malformed.statusCode).toBe(401);
  });

  it('lists users for staff, never for customers, and leaks no secrets', async () => {
    for (const role of ['owner', 'admin', 'supervisor', 'agent', 'light_agent'] as const) {
      const response = await t.app.inject({ url: '/api/v1/users', headers: as(role) });
      expect(response.statusCode).toBe(200);
      expect(response.json().data.length).toBeGreaterThanOrEqual(6);
      expect(response.body).not.toMatch(SECRET_FIELDS);
    }
    const customer = await t.app.inject({ url: '/api/v1/users', headers: as('customer') });
    expect(customer.statusCode).toBe(403);
    expect(customer.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('filters by role and by name or email, and pages with a cursor', async () => {
    const byRole = await t.app.inject({ url: '/api/v1/users?role=admin,owner', headers: as('admin') });
    expect(byRole.json().data.map((u: { role: string }) => u.role).sort()).toEqual(['admin', 'owner']);
    const named = await createUser(t.ctx.db, w.tenant.id, { role: 'customer', name: '张伟 Zhang Wei', email: 'zhang.wei@example.cn' });
    const byQ = await t.app.inject({ url: `/api/v1/users?q=${encodeURIComponent('张伟')}`, headers: as('agent') });
    expect(byQ.json().data.map((u: { id: string }) => u.id)).toEqual([named.id]);
    const byEmail = await t.app.inject({ url: '/api/v1/users?q=ZHANG.WEI', headers: as('agent') });
    expect(byEmail.json().data).toHaveLength(1);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await t.app.inject({ url, headers: as('admin') });
      expect(page.statusCode).toBe(200);
      const body = page.json();
      expect(body.data.length).toBeLessThanOrEqual(2);
      seen.push(...body.data.map((u: { id: string }) => u.id));
      cursor = body.next_cursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(7);
  });

  it('400 on bad filters and cursors', async () => {
    expect((await t.app.inject({ url: '/api/v1/users?role=wizard', headers: as('admin') })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/v1/users?limit=0', headers: as('admin') })).statusCode).toBe(400);
    const cursor = await t.app.inject({ url: '/api/v1/users?cursor=garbage', headers: as('admin') });
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json()).toMatchObject({ code: 'INVALID_CURSOR' });
  });

  it('GET /users/:id: 200, 404 for an unknown id, 400 for a non-numeric id; customers may read only themselves', async () => {
    const one = await t.app.inject({ url: `/api/v1/users/${w.users.agent.id}`, headers: as('light_agent') });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id: w.users.agent.id, role: 'agent', active: true, group_ids: [] });
    expect((await t.app.inject({ url: '/api/v1/users/999999999', headers: as('agent') })).json()).toMatchObject({ code: 'USER_NOT_FOUND' });
    expect((await t.app.inject({ url: '/api/v1/users/abc', headers: as('agent') })).statusCode).toBe(400);
    expect((await t.app.inject({ url: `/api/v1/users/${w.users.customer.id}`, headers: as('customer') })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/v1/users/${w.users.agent.id}`, headers: as('customer') })).statusCode).toBe(403);
  });

  it('creates customers with customers:write and staff with staff:write; only owners create admins', async () => {
    const customer = { name: 'Li Na', email: 'li.na@example.com' };
    const byAgent = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: as('agent'), payload: customer });
    expect(byAgent.statusCode).toBe(201);
    expect(byAgent.json()).toMatchObject({ role: 'customer', name: 'Li Na', email: 'li.na@example.com' });
    expect(byAgent.body).not.toMatch(SECRET_FIELDS);
    expect(await auditFor(byAgent.json().id)).toHaveLength(1);

    const lightAgent = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: as('light_agent'), payload: { name: 'X', email: 'x@example.com' } });
    expect(lightAgent.statusCode).toBe(403);
    const staffByAgent = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: as('agent'),
      payload: { name: 'New Agent', email: 'new.agent@example.com', role: 'agent' },
    });
    expect(staffByAgent.statusCode).toBe(403);
    const staffByAdmin = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: as('admin'),
      payload: { name: 'New Agent', email: 'new.agent@example.com', role: 'agent', password: 'a-long-password', ticket_access: 'groups' },
    });
    expect(staffByAdmin.statusCode).toBe(201);
    expect(staffByAdmin.json()).toMatchObject({ role: 'agent', ticket_access: 'groups' });
    const adminByAdmin = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: as('admin'),
      payload: { name: 'Another Admin', email: 'admin2@example.com', role: 'admin' },
    });
    expect(adminByAdmin.statusCode).toBe(403);
    const adminByOwner = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: as('owner'),
      payload: { name: 'Another Admin', email: 'admin2@example.com', role: 'admin' },
    });
    expect(adminByOwner.statusCode).toBe(201);
  });

  it('new staff can sign in with the password they were given', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: as('admin'),
      payload: { name: 'Signs In', email: 'signs.in@example.com', role: 'supervisor', password: 'another-long-password' },
    });
    expect(created.statusCode).toBe(201);
    const session = await login(t.app, 'signs.in@example.com', 'another-long-password');
    expect(session.csrfToken).toBeTruthy();
  });

  it('400 on invalid bodies, 409 on a taken email', async () => {
    const cases = [
      { name: 'No Email Staff', role: 'agent' },
      { name: '', email: 'a@example.com' },
      { name: 'Bad', email: 'not-an-email' },
      { name: 'Bad', email: 'b@example.com', unknown: 1 },
      { name: 'Bad', email: 'c@example.com', password: 'short' },
      { name: 'Bad', email: 'd@example.com', time_zone: 'Mars/Olympus' },
      { name: 'Bad', email: 'e@example.com', organization_id: '999999' },
    ];
    for (const payload of cases) {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: as('admin'), payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const taken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: as('admin'),
      payload: { name: 'Dup', email: w.users.agent.email!.toUpperCase() },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'USER_EMAIL_TAKEN' });
  });

  it('puts a customer in an organization', async () => {
    const orgId = await createOrganization(t.ctx.db, w.tenant.id, { name: 'Globex' });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: as('agent'),
      payload: { name: 'Globex Buyer', email: 'buyer@globex.example', organization_id: orgId, tags: ['vip'], vip_level: 2 },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ organization_id: orgId, tags: ['vip'], vip_level: 2 });
  });

  it('lets anyone edit their own profile, and asks for the current password to change it', async () => {
    const me = await createUser(t.ctx.db, w.tenant.id, { role: 'light_agent' });
    const token = await createToken(t.ctx.db, w.tenant.id, me.id, 'write');
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${me.id}`,
      headers: bearer(token),
      payload: { name: '王芳', locale: 'zh-CN', time_zone: 'Asia/Shanghai' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '王芳', locale: 'zh-CN', time_zone: 'Asia/Shanghai' });
    const noCurrent = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${me.id}`, headers: bearer(token), payload: { password: 'brand-new-password' } });
    expect(noCurrent.statusCode).toBe(400);
    expect(noCurrent.json()).toMatchObject({ code: 'CURRENT_PASSWORD_INVALID' });
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${me.id}`,
      headers: bearer(token),
      payload: { password: 'brand-new-password', current_password: DEFAULT_PASSWORD },
    });
    expect(changed.statusCode).toBe(200);
    await login(t.app, me.email!, 'brand-new-password');
    const promote = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${me.id}`, headers: bearer(token), payload: { role: 'admin' } });
    expect(promote.statusCode).toBe(403);
  });

  it('only owners promote to admin; the last owner cannot be demoted or deactivated', async () => {
    const agent = await createUser(t.ctx.db, w.tenant.id, { role: 'agent' });
    const byAdmin = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${agent.id}`, headers: as('admin'), payload: { role: 'admin' } });
    expect(byAdmin.statusCode).toBe(403);
    const toSupervisor = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${agent.id}`, headers: as('admin'), payload: { role: 'supervisor' } });
    expect(toSupervisor.statusCode).toBe(200);
    const byOwner = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${agent.id}`, headers: as('owner'), payload: { role: 'admin' } });
    expect(byOwner.statusCode).toBe(200);
    const audit = await auditFor(agent.id);
    expect(audit.map((row) => row.changes)).toContainEqual({ role: { from: 'supervisor', to: 'admin' } });

    const demoteLast = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${w.owner.id}`, headers: as('owner'), payload: { role: 'admin' } });
    expect(demoteLast.statusCode).toBe(409);
    expect(demoteLast.json()).toMatchObject({ code: 'LAST_OWNER' });
    const deleteLast = await t.app.inject({ method: 'DELETE', url: `/api/v1/users/${w.owner.id}`, headers: as('owner') });
    expect(deleteLast.statusCode).toBe(409);
    const adminDeletesOwner = await t.app.inject({ method: 'DELETE', url: `/api/v1/users/${w.owner.id}`, headers: as('admin') });
    expect(adminDeletesOwner.statusCode).toBe(403);
  });

  it('DELETE deactivates: the user keeps their history but their token and sessions stop working', async () => {
    const agent = await createUser(t.ctx.db, w.tenant.id, { role: 'agent' });
    const token = await createToken(t.ctx.db, w.tenant.id, agent.id, 'write');
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: bearer(token) })).statusCode).toBe(200);
    const session = await login(t.app, agent.email!);
    const response = await t.app.inject({ method: 'DELETE', url: `/api/v1/users/${agent.id}`, headers: as('admin') });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: agent.id, active: false });
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: bearer(token) })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: session.cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/users/999999', headers: as('admin') })).statusCode).toBe(404);
    const reactivated = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${agent.id}`, headers: as('admin'), payload: { active: true } });
    expect(reactivated.json()).toMatchObject({ active: true });
  });

  it('a read-scoped token cannot write, a write-scoped token cannot manage staff', async () => {
    const readToken = await createToken(t.ctx.db, w.tenant.id, w.users.admin.id, 'read');
    expect((await t.app.inject({ url: '/api/v1/users', headers: bearer(readToken) })).statusCode).toBe(200);
    const post = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: bearer(readToken), payload: { name: 'C', email: 'c1@example.com' } });
    expect(post.statusCode).toBe(403);
    const writeToken = await createToken(t.ctx.db, w.tenant.id, w.users.admin.id, 'write');
    const customer = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: bearer(writeToken), payload: { name: 'C', email: 'c2@example.com' } });
    expect(customer.statusCode).toBe(201);
    const staff = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(writeToken),
      payload: { name: 'S', email: 's2@example.com', role: 'agent' },
    });
    expect(staff.statusCode).toBe(403);
  });
});
