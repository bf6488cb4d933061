import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/platform/auth-context/actor.ts';
import { createCustomersByEmail, customersByEmail, findCustomerByEmail, findCustomerByPhone, findOrCreateCustomerByEmail } from '../../src/modules/identity/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createTenantWithRoles, createUser, login } from '../helpers/factories.ts';

type World = Awaited<ReturnType<typeof createTenantWithRoles>>;
type Json = Record<string, any>;

describe('customer identities', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createTenantWithRoles(t.ctx.db);
  });
  afterAll(() => t.close());

  const as = (role: Role) => bearer(w.tokens[role]);
  const customer = (email: string | null = `c-${Math.random().toString(16).slice(2)}@example.com`, name = 'Li Na') =>
    createUser(t.ctx.db, w.tenant.id, { role: 'customer', email, name, password: null });
  const add = (id: string, body: Json, role: Role = 'agent') =>
    t.app.inject({ method: 'POST', url: `/api/v1/customers/${id}/identities`, headers: as(role), payload: body });
  const act = (id: string, identityId: string, action: 'verify' | 'primary', role: Role = 'agent') =>
    t.app.inject({ method: 'POST', url: `/api/v1/customers/${id}/identities/${identityId}/${action}`, headers: as(role) });
  const remove = (id: string, identityId: string, role: Role = 'agent') =>
    t.app.inject({ method: 'DELETE', url: `/api/v1/customers/${id}/identities/${identityId}`, headers: as(role) });
  const usersRow = (id: string) =>
    t.ctx.db.system.selectFrom('users').select(['email', 'phone']).where('tenant_id', '=', w.tenant.id).where('id', '=', id).executeTakeFirstOrThrow();
  const identityOf = (profile: Json, value: string) => profile.identities.find((identity: Json) => identity.value === value);

  it('gives every new user their email as a primary identity (verified for staff)', async () => {
    const person = await customer('Wang.Fang@Example.com ');
    const profile = (await t.app.inject({ url: `/api/v1/customers/${person.id}`, headers: as('light_agent') })).json();
    expect(profile.identities).toEqual([
      expect.objectContaining({ kind: 'email', value: 'Wang.Fang@Example.com', value_normalized: 'wang.fang@example.com', is_primary: true, verified_at: null }),
    ]);
    const staff = (await t.app.inject({ url: `/api/v1/customers/${w.users.agent.id}`, headers: as('admin') })).json();
    expect(staff.identities[0]).toMatchObject({ kind: 'email', is_primary: true });
    expect(staff.identities[0].verified_at).not.toBeNull();
  });

  it('adds email and phone identities; the first of a kind becomes primary and is mirrored on the user', async () => {
    const person = await customer();
    const second = await add(person.id, { kind: 'email', value: '  Second.Address@Example.COM ' });
    expect(second.statusCode).toBe(201);
    expect(identityOf(second.json(), 'Second.Address@Example.COM')).toMatchObject({
      kind: 'email',
      value_normalized: 'second.address@example.com',
      is_primary: false,
      created_by: w.users.agent.id,
    });
    const phone = await add(person.id, { kind: 'phone', value: '+86 138-0013-8000' });
    expect(phone.statusCode).toBe(201);
    expect(identityOf(phone.json(), '+86 138-0013-8000')).toMatchObject({ value_normalized: '+8613800138000', is_primary: true });
    expect((await usersRow(person.id)).phone).toBe('+86 138-0013-8000');
    const wechat = await add(person.id, { kind: 'wechat', value: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' });
    expect(wechat.statusCode).toBe(201);
    expect(wechat.json().identities.map((identity: Json) => identity.kind)).toEqual(['email', 'email', 'phone', 'wechat']);
  });

  it('refuses malformed values with IDENTITY_VALUE_INVALID and unknown kinds with VALIDATION_FAILED', async () => {
    const person = await customer();
    for (const body of [
      { kind: 'email', value: 'not-an-address' },
      { kind: 'phone', value: 'call me maybe' },
      { kind: 'phone', value: '123' },
      { kind: 'wechat', value: 'has spaces in it' },
    ]) {
      const response = await add(person.id, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json()).toMatchObject({ code: 'IDENTITY_VALUE_INVALID', errors: [{ path: 'body.value' }] });
    }
    const kind = await add(person.id, { kind: 'fax', value: '123456' });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().code).toBe('VALIDATION_FAILED');
  });

  it('409 IDENTITY_TAKEN with the owner when another person has the identity; IDENTITY_ALREADY_ADDED for their own', async () => {
    const owner = await customer('taken@example.com');
    const other = await customer();
    const taken = await add(other.id, { kind: 'email', value: 'TAKEN@example.com' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'IDENTITY_TAKEN', owner_id: owner.id });
    const again = await add(owner.id, { kind: 'email', value: 'taken@EXAMPLE.com' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('IDENTITY_ALREADY_ADDED');
  });

  it('verifies an identity once (audited), and 404s an identity of someone else', async () => {
    const person = await customer();
    const profile = (await add(person.id, { kind: 'email', value: `v-${person.id}@example.com` })).json();
    const identity = identityOf(profile, `v-${person.id}@example.com`);
    const verified = await act(person.id, identity.id, 'verify');
    expect(verified.statusCode).toBe(200);
    const first = identityOf(verified.json(), identity.value).verified_at;
    expect(first).not.toBeNull();
    expect(identityOf((await act(person.id, identity.id, 'verify')).json(), identity.value).verified_at).toBe(first);
    const stranger = await customer();
    const wrong = await act(stranger.id, identity.id, 'verify');
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().code).toBe('IDENTITY_NOT_FOUND');
    const audits = await t.ctx.db.system.selectFrom('audit_log').select('action').where('target_id', '=', person.id).execute();
    expect(audits.filter((row) => row.action === 'customer.identity_verified')).toHaveLength(1);
  });

  it('switching the primary email moves users.email with it, in the same transaction', async () => {
    const person = await customer('first@example.org');
    const profile = (await add(person.id, { kind: 'email', value: 'Second@example.org' })).json();
    const second = identityOf(profile, 'Second@example.org');
    const switched = await act(person.id, second.id, 'primary');
    expect(switched.statusCode).toBe(200);
    expect(switched.json()).toMatchObject({ email: 'Second@example.org' });
    expect(identityOf(switched.json(), 'first@example.org').is_primary).toBe(false);
    expect(identityOf(switched.json(), 'Second@example.org').is_primary).toBe(true);
    expect((await usersRow(person.id)).email).toBe('Second@example.org');
  });

  it('a staff member signs in with the email made primary; agents cannot change staff identities', async () => {
    const agent = await createUser(t.ctx.db, w.tenant.id, { role: 'agent', email: 'old-agent@example.com' });
    const forbidden = await add(agent.id, { kind: 'email', value: 'new-agent@example.com' }, 'agent');
    expect(forbidden.statusCode).toBe(403);
    const added = (await add(agent.id, { kind: 'email', value: 'new-agent@example.com' }, 'admin')).json();
    await act(agent.id, identityOf(added, 'new-agent@example.com').id, 'primary', 'admin');
    await expect(login(t.app, 'new-agent@example.com')).resolves.toMatchObject({ cookie: expect.any(String) });
    await expect(login(t.app, 'old-agent@example.com')).rejects.toThrow(/401/);
    const owner = (await t.app.inject({ url: `/api/v1/customers/${w.owner.id}`, headers: as('admin') })).json();
    expect(owner.can_manage).toBe(false);
    expect((await add(w.owner.id, { kind: 'phone', value: '+1 555 0100 200' }, 'admin')).statusCode).toBe(403);
  });

  it('removal rules: never the last identity, never a primary while others of its kind remain, staff keep an email', async () => {
    const person = await customer('only@example.net');
    const only = (await t.app.inject({ url: `/api/v1/customers/${person.id}`, headers: as('agent') })).json().identities[0];
    const last = await remove(person.id, only.id);
    expect(last.statusCode).toBe(409);
    expect(last.json().code).toBe('IDENTITY_LAST');

    const withSecond = (await add(person.id, { kind: 'email', value: 'other@example.net' })).json();
    const primary = await remove(person.id, only.id);
    expect(primary.statusCode).toBe(409);
    expect(primary.json().code).toBe('IDENTITY_PRIMARY');
    const secondary = identityOf(withSecond, 'other@example.net');
    const removed = await remove(person.id, secondary.id);
    expect(removed.statusCode).toBe(200);
    expect(removed.json().identities.map((identity: Json) => identity.value)).toEqual(['only@example.net']);

    // The only email may go when a phone remains: users.email follows (null).
    await add(person.id, { kind: 'phone', value: '010-6552-9988' });
    const dropped = await remove(person.id, only.id);
    expect(dropped.statusCode).toBe(200);
    expect(dropped.json()).toMatchObject({ email: null, phone: '010-6552-9988' });
    expect((await usersRow(person.id)).email).toBeNull();

    const staff = await createUser(t.ctx.db, w.tenant.id, { role: 'agent' });
    const staffProfile = (await add(staff.id, { kind: 'phone', value: '+44 20 7946 0000' }, 'admin')).json();
    const staffEmail = staffProfile.identities.find((identity: Json) => identity.kind === 'email');
    const refused = await remove(staff.id, staffEmail.id, 'admin');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('STAFF_EMAIL_REQUIRED');
  });

  it('keeps identities in step when users.email or phone is changed through PATCH /users', async () => {
    const person = await customer('before@example.com');
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${person.id}`,
      headers: as('agent'),
      payload: { email: 'after@example.com', phone: '+81 3-1234-5678' },
    });
    expect(patched.statusCode).toBe(200);
    const profile = (await t.app.inject({ url: `/api/v1/customers/${person.id}`, headers: as('agent') })).json();
    expect(profile.identities.map((identity: Json) => [identity.value, identity.is_primary])).toEqual([
      ['after@example.com', true],
      ['before@example.com', false],
      ['+81 3-1234-5678', true],
    ]);
    // An address another person holds as a secondary identity is taken for users.email too.
    const holder = await customer();
    await add(holder.id, { kind: 'email', value: 'secondary-of-holder@example.com' });
    const clash = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${person.id}`, headers: as('agent'), payload: { email: 'secondary-of-holder@example.com' } });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().code).toBe('USER_EMAIL_TAKEN');
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: as('agent'), payload: { name: 'Dup', email: 'secondary-of-holder@example.com' } });
    expect(created.statusCode).toBe(409);
  });

  it('findOrCreateCustomerByEmail finds a customer by any email identity and creates new ones with their identity', async () => {
    const person = await customer('main@example.io');
    await add(person.id, { kind: 'email', value: 'alias@example.io' });
    await add(person.id, { kind: 'phone', value: '(555) 010-9999' });
    const tenantId = w.tenant.id;
    const found = await t.ctx.db.tenantTx(tenantId, (trx) => findOrCreateCustomerByEmail(trx, tenantId, { email: ' ALIAS@example.io' }));
    expect(found.id).toBe(person.id);
    expect((await t.ctx.db.tenantTx(tenantId, (trx) => findCustomerByEmail(trx, tenantId, 'Main@Example.io')))?.id).toBe(person.id);
    expect((await t.ctx.db.tenantTx(tenantId, (trx) => findCustomerByPhone(trx, tenantId, '555.010.9999')))?.id).toBe(person.id);
    expect(await t.ctx.db.tenantTx(tenantId, (trx) => findCustomerByPhone(trx, tenantId, '12'))).toBeUndefined();

    const fresh = await t.ctx.db.tenantTx(tenantId, (trx) => findOrCreateCustomerByEmail(trx, tenantId, { email: 'Brand.New@example.io', name: '新客户' }));
    const profile = (await t.app.inject({ url: `/api/v1/customers/${fresh.id}`, headers: as('agent') })).json();
    expect(profile).toMatchObject({ role: 'customer', name: '新客户', email: 'Brand.New@example.io' });
    expect(profile.identities).toEqual([expect.objectContaining({ kind: 'email', value_normalized: 'brand.new@example.io', is_primary: true })]);
  });

  it('customersByEmail reads the known addresses of a batch in one query and creates the rest once', async () => {
    const person = await customer('batch-main@example.io');
    await add(person.id, { kind: 'email', value: 'batch-alias@example.io' });
    const tenantId = w.tenant.id;
    const { known, alias, fresh, again, all } = await t.ctx.db.tenantTx(tenantId, async (trx) => {
      const people = customersByEmail(trx, tenantId);
      await people.preload(['Batch-Main@example.io', 'batch-alias@example.io', 'batch-new@example.io']);
      return {
        known: await people.findOrCreate({ email: ' BATCH-MAIN@example.io' }),
        alias: await people.findOrCreate({ email: 'batch-alias@example.io' }),
        fresh: await people.findOrCreate({ email: 'Batch-New@example.io', name: '批量新客' }),
        again: await people.findOrCreate({ email: 'batch-new@EXAMPLE.io' }),
        all: people.all(),
      };
    });
    expect([known.id, alias.id]).toEqual([person.id, person.id]);
    expect(known).toMatchObject({ role: 'customer', active: true });
    expect(fresh).toMatchObject({ role: 'customer', active: true });
    // What a ticket's validation may take as read (openChannelTicket's knownUsers).
    expect(new Set(all.map((ref) => ref.id))).toEqual(new Set([person.id, fresh.id]));
    expect(again.id).toBe(fresh.id);
    const profile = (await t.app.inject({ url: `/api/v1/customers/${fresh.id}`, headers: as('agent') })).json();
    expect(profile).toMatchObject({ name: '批量新客', email: 'Batch-New@example.io' });
  });

  it('createCustomersByEmail creates each unknown address once and leaves known people, by any identity, alone', async () => {
    const person = await customer('ahead-main@example.io');
    await add(person.id, { kind: 'email', value: 'ahead-alias@example.io' });
    const tenantId = w.tenant.id;
    const wanted = [
      { email: 'Ahead-New-B@example.io', name: '乙' }, { email: 'ahead-alias@example.io' }, { email: ' AHEAD-MAIN@example.io' },
      { email: 'ahead-new-a@example.io', name: null }, { email: 'ahead-new-b@EXAMPLE.io', name: 'other spelling' },
    ];
    // Side by side, in opposite orders: both finish, and each address has one customer.
    await Promise.all([wanted, [...wanted].reverse()].map((list) => t.ctx.db.tenantTx(tenantId, (trx) => createCustomersByEmail(trx, tenantId, list))));
    const { rows } = await sql<{ value_normalized: string; user_id: string; name: string; role: string }>`select i.value_normalized, i.user_id::text, u.name, u.role
      from user_identities i join users u on u.tenant_id = i.tenant_id and u.id = i.user_id
      where i.tenant_id = ${tenantId} and i.value_normalized like 'ahead-%' order by i.value_normalized`.execute(t.ctx.db.system);
    expect(rows.map((row) => row.value_normalized)).toEqual(['ahead-alias@example.io', 'ahead-main@example.io', 'ahead-new-a@example.io', 'ahead-new-b@example.io']);
    expect(rows.slice(0, 2).map((row) => row.user_id)).toEqual([person.id, person.id]);
    expect(rows[2]).toMatchObject({ name: 'ahead-new-a', role: 'customer' });
    expect(rows[3]).toMatchObject({ role: 'customer' });
    expect(['乙', 'other spelling']).toContain(rows[3]!.name);
  });

  it('concurrent findOrCreateCustomerByEmail calls for one new address converge on one customer', async () => {
    const tenantId = w.tenant.id;
    const spellings = ['race@example.dev', 'RACE@example.dev', ' Race@Example.dev', 'race@EXAMPLE.DEV', 'race@example.dev', 'rAce@example.dev'];
    const results = await Promise.all(
      spellings.map((email) => t.ctx.db.tenantTx(tenantId, (trx) => findOrCreateCustomerByEmail(trx, tenantId, { email }))),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    // Whichever way each call found it (its insert, the identity, the row of a racing insert).
    expect(results.every((r) => r.role === 'customer' && r.active === true)).toBe(true);
    const identities = await t.ctx.db.system
      .selectFrom('user_identities')
      .select(['user_id'])
      .where('tenant_id', '=', tenantId)
      .where('value_normalized', '=', 'race@example.dev')
      .execute();
    expect(identities).toEqual([{ user_id: results[0]!.id }]);
  });

  it('portal sign-in links go to a verified secondary email, never to an unverified one', async () => {
    const person = await customer('portal-main@example.com');
    const profile = (await add(person.id, { kind: 'email', value: 'portal-alias@example.com' })).json();
    const alias = identityOf(profile, 'portal-alias@example.com');
    const outbox = () =>
      t.ctx.db.system.selectFrom('identity_links').select('user_id').where('tenant_id', '=', w.tenant.id).where('user_id', '=', person.id).execute();
    const ask = () =>
      t.app.inject({ method: 'POST', url: '/api/v1/portal/magic-link', payload: { email: 'portal-alias@example.com', tenant: w.tenant.slug }, remoteAddress: '10.9.8.7' });
    expect((await ask()).statusCode).toBe(202);
    expect(await outbox()).toHaveLength(0);
    await act(person.id, alias.id, 'verify');
    expect((await ask()).statusCode).toBe(202);
    expect(await outbox()).toHaveLength(1);
  });

  it('GET /users?q= finds a person by any identity (the merge dialog’s search)', async () => {
    const person = await customer('findme-main@example.com', 'Findable Person');
    await add(person.id, { kind: 'email', value: 'old-alias-7731@example.com' });
    await add(person.id, { kind: 'phone', value: '+852 9876 5432' });
    for (const q of ['old-alias-7731', '9876 5432']) {
      const found = (await t.app.inject({ url: `/api/v1/users?role=customer&q=${encodeURIComponent(q)}`, headers: as('agent') })).json();
      expect(found.data.map((user: Json) => user.id), q).toEqual([person.id]);
    }
  });

  it('honours Idempotency-Key: a retried add replays the first answer instead of a 409', async () => {
    const person = await customer();
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/customers/${person.id}/identities`,
        headers: { ...as('agent'), 'idempotency-key': `add-${person.id}` },
        payload: { kind: 'phone', value: '+33 1 23 45 67 89' },
      });
    const first = await send();
    const again = await send();
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().identities).toHaveLength(2);
  });

  it('row-level security: an unfiltered query sees only its own tenant’s identities and merges', async () => {
    const other = await createTenantWithRoles(t.ctx.db);
    await createUser(t.ctx.db, other.tenant.id, { role: 'customer', email: 'rls-other@example.com', password: null });
    for (const tenantId of [w.tenant.id, other.tenant.id]) {
      const rows = await t.ctx.db.tenantTx(tenantId, (trx) => sql<{ tenant_id: string }>`select distinct tenant_id from user_identities`.execute(trx));
      expect(rows.rows).toEqual([{ tenant_id: tenantId }]);
      const merges = await t.ctx.db.tenantTx(tenantId, (trx) => sql<{ n: number }>`select count(*)::int as n from customer_merges where tenant_id <> ${tenantId}`.execute(trx));
      expect(merges.rows[0]!.n).toBe(0);
    }
  });

  it('role checks: light agents read only, customers nothing', async () => {
    const person = await customer();
    expect((await t.app.inject({ url: `/api/v1/customers/${person.id}`, headers: as('light_agent') })).statusCode).toBe(200);
    expect((await add(person.id, { kind: 'phone', value: '+49 30 1234567' }, 'light_agent')).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/v1/customers/${person.id}`, headers: as('customer') })).statusCode).toBe(403);
    expect((await add(person.id, { kind: 'phone', value: '+49 30 1234567' }, 'customer')).statusCode).toBe(403);
    for (const role of ['supervisor', 'admin'] as const) {
      expect((await add(person.id, { kind: 'chat_visitor', value: `visitor-${role}-${person.id}` }, role)).statusCode).toBe(201);
    }
  });
});
