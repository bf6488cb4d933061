import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createTenant, createToken, createUser, login, type TestTenant } from '../helpers/factories.ts';

describe('Idempotency-Key on creating POSTs', () => {
  let t: TestApp;
  let acme: TestTenant;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp();
    acme = await createTenant(t.ctx.db);
    token = await createToken(t.ctx.db, acme.tenant.id, acme.owner.id, 'admin');
  });
  afterAll(() => t.close());

  const post = (key: string | undefined, payload: object, headers: Record<string, string> = bearer(token)) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/organizations',
      headers: { ...headers, ...(key === undefined ? {} : { 'idempotency-key': key }) },
      payload,
    });
  const countOrgs = async (name: string) =>
    (await t.ctx.db.system.selectFrom('organizations').select('id').where('name', '=', name).execute()).length;

  it('replays the first response for the same key and body, without running it twice', async () => {
    const first = await post('key-1', { name: 'Umbrella', domains: ['umbrella.example'] });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // Same body with its keys in another order is the same request.
    const second = await post('key-1', { domains: ['umbrella.example'], name: 'Umbrella' });
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.headers['content-type']).toContain('application/json');
    expect(second.json()).toEqual(first.json());
    expect(await countOrgs('Umbrella')).toBe(1);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED when the key comes back with another body', async () => {
    await post('key-2', { name: 'Cyberdyne' });
    const other = await post('key-2', { name: 'Tyrell' });
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await countOrgs('Tyrell')).toBe(0);
  });

  it('stores 4xx answers too: the replay is the same problem document', async () => {
    await post(undefined, { name: 'Duplicate Co' });
    const conflict = await post('key-3', { name: 'Duplicate Co' });
    expect(conflict.statusCode).toBe(409);
    const replay = await post('key-3', { name: 'Duplicate Co' });
    expect(replay.statusCode).toBe(409);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.headers['content-type']).toContain('application/problem+json');
    expect(replay.json()).toEqual(conflict.json());
  });

  it('answers 409 IDEMPOTENCY_KEY_IN_USE while the first request is still running', async () => {
    await t.ctx.db.system
      .insertInto('idempotency_keys')
      .values({ tenant_id: acme.tenant.id, principal: `user:${acme.owner.id}`, key: 'key-4', method: 'POST', path: '/api/v1/organizations', request_hash: 'x' })
      .execute();
    const response = await post('key-4', { name: 'In Flight' });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_USE' });
  });

  it('rejects a key longer than 255 characters with 400', async () => {
    const response = await post('k'.repeat(256), { name: 'Long Key' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_INVALID' });
  });

  it('keeps keys per user: another user may use the same key', async () => {
    const admin = await createUser(t.ctx.db, acme.tenant.id, { role: 'admin' });
    const adminToken = await createToken(t.ctx.db, acme.tenant.id, admin.id, 'admin');
    const mine = await post('shared-key', { name: 'First Org' });
    const theirs = await post('shared-key', { name: 'Second Org' }, bearer(adminToken));
    expect(mine.statusCode).toBe(201);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
  });

  it('works for cookie sessions too, and is ignored on anonymous requests', async () => {
    const session = await login(t.app, acme.owner.email!);
    const first = await post('cookie-key', { name: 'Cookie Org' }, session.headers);
    const again = await post('cookie-key', { name: 'Cookie Org' }, session.headers);
    expect(first.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'idempotency-key': 'anon' },
      payload: { email: 'nobody@example.com', password: 'whatever-password' },
      remoteAddress: '10.9.9.9',
    });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['idempotent-replayed']).toBeUndefined();
  });

  it('does not store answers to invalid requests that never reached the handler', async () => {
    const invalid = await post('key-5', { name: '' });
    expect(invalid.statusCode).toBe(400);
    const valid = await post('key-5', { name: 'Fixed Name' });
    expect(valid.statusCode).toBe(201);
  });
});
