import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/platform/auth-context/actor.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createTenant, createTenantWithRoles, createToken, createUser } from '../helpers/factories.ts';

type World = Awaited<ReturnType<typeof createTenantWithRoles>>;

describe('groups, organizations, API tokens, audit log, tenant settings', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createTenantWithRoles(t.ctx.db);
  });
  afterAll(() => t.close());

  const as = (role: Role) => bearer(w.tokens[role]);
  const call = (role: Role, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: as(role), ...(payload ? { payload } : {}) });

  describe('groups', () => {
    it('CRUD with groups:write for admins; staff read; customers and anonymous refused', async () => {
      expect((await t.app.inject({ url: '/api/v1/groups' })).statusCode).toBe(401);
      expect((await call('customer', 'GET', '/groups')).statusCode).toBe(403);
      expect((await call('agent', 'POST', '/groups', { name: 'Billing' })).statusCode).toBe(403);
      expect((await call('supervisor', 'POST', '/groups', { name: 'Billing' })).statusCode).toBe(403);

      const created = await call('admin', 'POST', '/groups', { name: 'Billing', description: '账单问题' });
      expect(created.statusCode).toBe(201);
      const group = created.json();
      expect(group).toMatchObject({ name: 'Billing', description: '账单问题', member_count: 0 });
      expect((await call('admin', 'POST', '/groups', { name: 'billing' })).json()).toMatchObject({ code: 'GROUP_NAME_TAKEN' });
      expect((await call('admin', 'POST', '/groups', { name: '' })).statusCode).toBe(400);

      expect((await call('light_agent', 'GET', `/groups/${group.id}`)).json()).toMatchObject({ id: group.id });
      expect((await call('agent', 'GET', '/groups/987654')).statusCode).toBe(404);
      const listed = await call('agent', 'GET', '/groups?q=bill');
      expect(listed.json().data.map((g: { id: string }) => g.id)).toEqual([group.id]);

      const renamed = await call('owner', 'PATCH', `/groups/${group.id}`, { name: 'Billing & Refunds' });
      expect(renamed.json()).toMatchObject({ name: 'Billing & Refunds' });
      expect((await call('agent', 'PATCH', `/groups/${group.id}`, { name: 'x' })).statusCode).toBe(403);
      expect((await call('admin', 'PATCH', '/groups/987654', { name: 'x' })).statusCode).toBe(404);

      expect((await call('admin', 'DELETE', `/groups/${group.id}`)).statusCode).toBe(204);
      expect((await call('admin', 'GET', `/groups/${group.id}`)).statusCode).toBe(404);
      expect((await call('admin', 'DELETE', `/groups/${group.id}`)).statusCode).toBe(404);
    });

    it('replaces members with staff only, and members show up on users', async () => {
      const group = (await call('admin', 'POST', '/groups', { name: 'Tier 2' })).json();
      const members = [w.users.agent.id, w.users.supervisor.id];
      const put = await call('admin', 'PUT', `/groups/${group.id}/members`, { user_ids: members });
      expect(put.statusCode).toBe(200);
      expect(put.json().data.map((u: { id: string }) => u.id).sort()).toEqual([...members].sort());
      expect((await call('agent', 'GET', `/groups/${group.id}/members`)).json().data).toHaveLength(2);
      expect((await call('agent', 'GET', `/groups/${group.id}`)).json().member_count).toBe(2);
      expect((await call('agent', 'GET', `/users/${w.users.agent.id}`)).json().group_ids).toEqual([group.id]);
      const actor = await call('agent', 'GET', '/auth/me');
      expect(actor.json().user.group_ids).toEqual([group.id]);

      const withCustomer = await call('admin', 'PUT', `/groups/${group.id}/members`, { user_ids: [w.users.customer.id] });
      expect(withCustomer.statusCode).toBe(400);
      expect(withCustomer.json()).toMatchObject({ code: 'GROUP_MEMBER_INVALID' });
      expect((await call('admin', 'PUT', `/groups/${group.id}/members`, { user_ids: ['999999'] })).statusCode).toBe(400);
      expect((await call('agent', 'PUT', `/groups/${group.id}/members`, { user_ids: [] })).statusCode).toBe(403);
      expect((await call('admin', 'PUT', '/groups/987654/members', { user_ids: [] })).statusCode).toBe(404);

      const audit = await call('admin', 'GET', `/audit-log?target_type=group&target_id=${group.id}`);
      expect(audit.json().data.map((e: { action: string }) => e.action)).toEqual(['group.members_changed', 'group.created']);
    });
  });

  describe('organizations', () => {
    it('CRUD with organizations:write (supervisors and up); domains normalised and validated', async () => {
      expect((await call('agent', 'POST', '/organizations', { name: 'Initech' })).statusCode).toBe(403);
      expect((await call('customer', 'GET', '/organizations')).statusCode).toBe(403);
      const created = await call('supervisor', 'POST', '/organizations', { name: 'Initech', domains: ['Initech.COM', 'initech.com'], notes: 'Key account' });
      expect(created.statusCode).toBe(201);
      const org = created.json();
      expect(org).toMatchObject({ name: 'Initech', domains: ['initech.com'], notes: 'Key account', external_id: null });
      expect((await call('admin', 'POST', '/organizations', { name: 'Bad', domains: ['not a domain'] })).statusCode).toBe(400);
      expect((await call('admin', 'POST', '/organizations', { name: 'INITECH' })).json()).toMatchObject({ code: 'ORGANIZATION_NAME_TAKEN' });

      expect((await call('light_agent', 'GET', `/organizations?domain=initech.com`)).json().data.map((o: { id: string }) => o.id)).toEqual([org.id]);
      expect((await call('agent', 'GET', `/organizations/${org.id}`)).statusCode).toBe(200);
      expect((await call('agent', 'GET', '/organizations/987654')).json()).toMatchObject({ code: 'ORGANIZATION_NOT_FOUND' });
      const patched = await call('admin', 'PATCH', `/organizations/${org.id}`, { domains: ['initech.cn'] });
      expect(patched.json().domains).toEqual(['initech.cn']);

      // A new customer with a listed domain joins the organization (identity's customer lookup).
      const customer = await call('agent', 'POST', '/users', { name: 'Peter', email: 'peter@initech.cn', organization_id: org.id });
      expect(customer.json().organization_id).toBe(org.id);
      expect((await call('admin', 'DELETE', `/organizations/${org.id}`)).statusCode).toBe(204);
      expect((await call('agent', 'GET', `/users/${customer.json().id}`)).json().organization_id).toBeNull();
    });
  });

  describe('API tokens', () => {
    it('admins create tokens shown once, list them without secrets, and revoke them', async () => {
      expect((await call('agent', 'GET', '/api-tokens')).statusCode).toBe(403);
      expect((await call('agent', 'POST', '/api-tokens', { name: 'x', scope: 'read' })).statusCode).toBe(403);
      const created = await call('admin', 'POST', '/api-tokens', { name: 'CRM sync', scope: 'read' });
      expect(created.statusCode).toBe(201);
      const body = created.json();
      expect(body.token).toMatch(/^sbt_[A-Za-z0-9_-]{40,}$/);
      expect(body).toMatchObject({ name: 'CRM sync', scope: 'read', user_id: w.users.admin.id, revoked_at: null });
      expect(body.token.startsWith(body.token_prefix)).toBe(true);

      const list = await call('admin', 'GET', '/api-tokens');
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain(body.token);
      expect(list.body).not.toMatch(/hash/i);
      expect(list.json().data.some((x: { id: string }) => x.id === body.id)).toBe(true);

      const readHeaders = bearer(body.token);
      expect((await t.app.inject({ url: '/api/v1/users', headers: readHeaders })).statusCode).toBe(200);
      const write = await t.app.inject({ method: 'POST', url: '/api/v1/groups', headers: readHeaders, payload: { name: 'Nope' } });
      expect(write.statusCode).toBe(403);

      expect((await call('admin', 'DELETE', `/api-tokens/${body.id}`)).statusCode).toBe(204);
      const revoked = await t.app.inject({ url: '/api/v1/users', headers: readHeaders });
      expect(revoked.statusCode).toBe(401);
      expect((await call('admin', 'GET', '/api-tokens')).json().data.some((x: { id: string }) => x.id === body.id)).toBe(false);
      expect((await call('admin', 'GET', '/api-tokens?include_revoked=true')).json().data.some((x: { id: string }) => x.id === body.id)).toBe(true);
      expect((await call('admin', 'DELETE', '/api-tokens/987654')).statusCode).toBe(404);
    });

    it('creates tokens for another user; an expired token is refused; only owners mint owner tokens', async () => {
      const forAgent = await call('admin', 'POST', '/api-tokens', { name: 'agent bot', scope: 'write', user_id: w.users.agent.id });
      expect(forAgent.json().user_id).toBe(w.users.agent.id);
      const me = await t.app.inject({ url: '/api/v1/auth/me', headers: bearer(forAgent.json().token) });
      expect(me.json().user.id).toBe(w.users.agent.id);
      expect((await call('admin', 'POST', '/api-tokens', { name: 'x', scope: 'admin', user_id: w.owner.id })).statusCode).toBe(403);
      expect((await call('admin', 'POST', '/api-tokens', { name: 'x', scope: 'root' })).statusCode).toBe(400);
      expect((await call('admin', 'POST', '/api-tokens', { name: 'x', scope: 'read', user_id: '987654' })).statusCode).toBe(404);
      expect((await call('admin', 'POST', '/api-tokens', { name: 'x', scope: 'read', expires_at: '2001-01-01T00:00:00Z' })).statusCode).toBe(400);

      const shortLived = await call('admin', 'POST', '/api-tokens', { name: 'short', scope: 'read', expires_at: new Date(Date.now() + 3600_000).toISOString() });
      expect(shortLived.statusCode).toBe(201);
      await t.ctx.db.system.updateTable('api_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', shortLived.json().id).execute();
      expect((await t.app.inject({ url: '/api/v1/auth/me', headers: bearer(shortLived.json().token) })).statusCode).toBe(401);
    });

    it('records last use at most once a minute and stores only hashes', async () => {
      const token = await createToken(t.ctx.db, w.tenant.id, w.users.agent.id, 'read');
      await t.app.inject({ url: '/api/v1/auth/me', headers: bearer(token) });
      const rows = await t.ctx.db.system.selectFrom('api_tokens').select(['token_hash', 'last_used_at']).execute();
      expect(rows.some((row) => row.token_hash === token)).toBe(false);
      expect(rows.some((row) => row.last_used_at !== null)).toBe(true);
    });
  });

  describe('audit log', () => {
    it('is readable by admins only, newest first, cursor-paginated', async () => {
      expect((await call('supervisor', 'GET', '/audit-log')).statusCode).toBe(403);
      expect((await t.app.inject({ url: '/api/v1/audit-log' })).statusCode).toBe(401);
      // A write-scoped token is for data, not administration; a read-scoped one may read the log.
      const writeToken = await createToken(t.ctx.db, w.tenant.id, w.users.admin.id, 'write');
      expect((await t.app.inject({ url: '/api/v1/audit-log', headers: bearer(writeToken) })).statusCode).toBe(403);
      const readToken = await createToken(t.ctx.db, w.tenant.id, w.users.admin.id, 'read');
      expect((await t.app.inject({ url: '/api/v1/audit-log', headers: bearer(readToken) })).statusCode).toBe(200);

      const first = await call('admin', 'GET', '/audit-log?limit=3');
      expect(first.statusCode).toBe(200);
      const page1 = first.json();
      expect(page1.data).toHaveLength(3);
      expect(page1.next_cursor).toEqual(expect.any(String));
      const ids = page1.data.map((e: { id: string }) => Number(e.id));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      const second = (await call('admin', 'GET', `/audit-log?limit=3&cursor=${page1.next_cursor}`)).json();
      expect(Number(second.data[0].id)).toBeLessThan(ids[2]);
      const created = await call('owner', 'GET', '/audit-log?action=tenant.created');
      expect(created.json().data).toHaveLength(1);
      expect(created.json().data[0]).toMatchObject({ actor_type: 'system', target_type: 'tenant', target_id: w.tenant.id });
    });

    it('never shows another tenant its entries', async () => {
      const other = await createTenant(t.ctx.db);
      const otherToken = await createToken(t.ctx.db, other.tenant.id, other.owner.id, 'admin');
      const response = await t.app.inject({ url: '/api/v1/audit-log', headers: bearer(otherToken) });
      const targets = response.json().data.map((e: { target_id: string }) => e.target_id);
      expect(targets).not.toContain(w.tenant.id);
      expect((await t.app.inject({ url: `/api/v1/users/${w.users.agent.id}`, headers: bearer(otherToken) })).statusCode).toBe(404);
    });
  });

  describe('tenant settings', () => {
    it('anyone signed in reads them; admins change them; bad values are 400', async () => {
      const read = await call('customer', 'GET', '/tenant');
      expect(read.statusCode).toBe(200);
      expect(read.json()).toMatchObject({ id: w.tenant.id, slug: w.tenant.slug, time_zone: 'Asia/Shanghai' });
      expect((await t.app.inject({ url: '/api/v1/tenant' })).statusCode).toBe(401);
      expect((await call('supervisor', 'PATCH', '/tenant', { name: 'Nope' })).statusCode).toBe(403);
      for (const payload of [{ time_zone: 'Nowhere/Land' }, { default_locale: 'fr' }, { logo_url: 'javascript:alert(1)' }, { slug: 'x' }]) {
        expect((await call('admin', 'PATCH', '/tenant', payload)).statusCode, JSON.stringify(payload)).toBe(400);
      }
      const patched = await call('admin', 'PATCH', '/tenant', {
        name: '示例科技',
        time_zone: 'Europe/Berlin',
        default_locale: 'en',
        logo_url: 'https://cdn.example.com/logo.png',
      });
      expect(patched.statusCode).toBe(200);
      expect(patched.json()).toMatchObject({ name: '示例科技', time_zone: 'Europe/Berlin', default_locale: 'en', slug: w.tenant.slug });
      const other = await createTenant(t.ctx.db, { name: 'Taken Name Ltd' });
      expect(other.tenant.slug).toBe('taken-name-ltd');
      const clash = await call('admin', 'PATCH', '/tenant', { name: 'taken name ltd' });
      expect(clash.statusCode).toBe(409);
      const audit = await call('admin', 'GET', '/audit-log?action=tenant.updated');
      expect(audit.json().data[0].changes).toMatchObject({ time_zone: { from: 'Asia/Shanghai', to: 'Europe/Berlin' } });
    });
  });

  it('a user of one tenant cannot be put in another tenant\'s group', async () => {
    const other = await createTenant(t.ctx.db);
    const outsider = await createUser(t.ctx.db, other.tenant.id, { role: 'agent' });
    const group = (await call('admin', 'POST', '/groups', { name: 'Closed' })).json();
    const response = await call('admin', 'PUT', `/groups/${group.id}/members`, { user_ids: [outsider.id] });
    expect(response.statusCode).toBe(400);
  });
});
