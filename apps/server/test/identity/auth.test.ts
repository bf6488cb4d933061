import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneIdentityData } from '../../src/modules/identity/index.ts';
import { pruneIdempotencyKeys } from '../../src/platform/http/idempotency.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createTenant, createToken, createUser, DEFAULT_PASSWORD, login, type TestTenant } from '../helpers/factories.ts';

describe('sign-in, sessions and CSRF', () => {
  let t: TestApp;
  let acme: TestTenant;
  beforeAll(async () => {
    t = await createTestApp();
    acme = await createTenant(t.ctx.db);
  });
  afterAll(() => t.close());

  const loginRequest = (payload: object, remoteAddress = '10.1.0.1') =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload, remoteAddress });

  it('signs in with email and password, sets an httpOnly SameSite=Lax cookie and answers user, tenant, csrf_token', async () => {
    const response = await loginRequest({ email: acme.owner.email!.toUpperCase(), password: DEFAULT_PASSWORD });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user).toMatchObject({ id: acme.owner.id, role: 'owner', email: acme.owner.email });
    expect(body.tenant).toMatchObject({ id: acme.tenant.id, slug: acme.tenant.slug });
    expect(body.csrf_token).toEqual(expect.any(String));
    expect(JSON.stringify(body)).not.toMatch(/password|hash/i);
    const cookie = response.cookies.find((c) => c.name === 'sb_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/');
    expect(cookie.secure).toBeFalsy();
    expect(cookie.value.length).toBeGreaterThanOrEqual(40);
  });

  it('stores only the hash of the session token', async () => {
    const session = await login(t.app, acme.owner.email!);
    const token = session.cookie.split('=')[1];
    const rows = await t.ctx.db.system.selectFrom('sessions').select(['token_hash']).execute();
    expect(rows.some((row) => row.token_hash === token)).toBe(false);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.token_hash))).toBe(true);
  });

  it('GET /auth/me answers the session user with the CSRF token', async () => {
    const session = await login(t.app, acme.owner.email!);
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: session.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { id: acme.owner.id }, tenant: { id: acme.tenant.id }, csrf_token: session.csrfToken });
  });

  it('GET /auth/me without credentials is 401', async () => {
    const me = await t.app.inject({ url: '/api/v1/auth/me' });
    expect(me.statusCode).toBe(401);
    expect(me.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('answers a wrong password and an unknown email with the same 401 INVALID_CREDENTIALS', async () => {
    const wrong = await loginRequest({ email: acme.owner.email, password: 'not the password' }, '10.1.0.2');
    const unknown = await loginRequest({ email: 'nobody@example.com', password: 'not the password' }, '10.1.0.2');
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
      expect(response.cookies).toHaveLength(0);
    }
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  it('rejects a malformed login body with 400', async () => {
    const response = await loginRequest({ email: 'x' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('logout ends the session: the cookie no longer authenticates', async () => {
    const session = await login(t.app, acme.owner.email!);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: session.headers });
    expect(out.statusCode).toBe(204);
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: session.cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('refuses a cookie-authenticated write without the CSRF token (403), accepts it with the token', async () => {
    const session = await login(t.app, acme.owner.email!);
    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: session.cookie } });
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toMatchObject({ code: 'CSRF_TOKEN_INVALID' });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: session.cookie, 'x-csrf-token': 'x'.repeat(43) },
    });
    expect(wrong.statusCode).toBe(403);
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: session.headers });
    expect(ok.statusCode).toBe(204);
  });

  it('does not ask bearer-token requests for a CSRF token', async () => {
    const token = await createToken(t.ctx.db, acme.tenant.id, acme.owner.id, 'admin');
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(token) });
    expect(response.statusCode).toBe(204);
  });

  it('drops an expired or unknown session cookie: protected routes answer 401, signing in still works', async () => {
    const session = await login(t.app, acme.owner.email!);
    await t.ctx.db.system.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).execute();
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: session.cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.cookies.find((c) => c.name === 'sb_session')?.value).toBe('');
    const unknown = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: 'sb_session=not-a-real-session-token-at-all' } });
    expect(unknown.statusCode).toBe(401);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { cookie: session.cookie },
      payload: { email: acme.owner.email, password: DEFAULT_PASSWORD },
      remoteAddress: '10.1.0.9',
    });
    expect(again.statusCode).toBe(200);
  });

  it('marks the cookie Secure when configured to', async () => {
    const secure = await createTestApp({ SWITCHBOARD_COOKIE_SECURE: 'true' });
    try {
      const other = await createTenant(secure.ctx.db);
      const response = await secure.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: other.owner.email, password: DEFAULT_PASSWORD },
      });
      expect(response.cookies.find((c) => c.name === 'sb_session')?.secure).toBe(true);
    } finally {
      await secure.close();
    }
  });

  it('lets customers sign in to the portal', async () => {
    const customer = await createUser(t.ctx.db, acme.tenant.id, { role: 'customer' });
    const session = await login(t.app, customer.email!);
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: session.cookie } });
    expect(me.json().user).toMatchObject({ id: customer.id, role: 'customer' });
  });

  it('refuses deactivated users, and their live sessions stop working', async () => {
    const agent = await createUser(t.ctx.db, acme.tenant.id, { role: 'agent' });
    const session = await login(t.app, agent.email!);
    await t.ctx.db.system.updateTable('users').set({ active: false }).where('id', '=', agent.id).execute();
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: session.cookie } });
    expect(me.statusCode).toBe(401);
    const again = await loginRequest({ email: agent.email, password: DEFAULT_PASSWORD }, '10.1.0.3');
    expect(again.statusCode).toBe(401);
  });

  it('asks which tenant when the same email and password exist in several tenants', async () => {
    const email = `shared-${Date.now()}@example.com`;
    const one = await createTenant(t.ctx.db, { ownerEmail: email, name: 'Shared One' });
    const two = await createTenant(t.ctx.db, { ownerEmail: email, name: 'Shared Two' });
    const ambiguous = await loginRequest({ email, password: DEFAULT_PASSWORD }, '10.1.0.4');
    expect(ambiguous.statusCode).toBe(409);
    expect(ambiguous.json()).toMatchObject({ code: 'TENANT_REQUIRED' });
    expect(ambiguous.json().tenants.map((x: { slug: string }) => x.slug).sort()).toEqual([one.tenant.slug, two.tenant.slug].sort());
    const chosen = await loginRequest({ email, password: DEFAULT_PASSWORD, tenant: two.tenant.slug }, '10.1.0.4');
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json().tenant.id).toBe(two.tenant.id);
  });

  it('backs off after repeated failures for one email: 429 LOGIN_RATE_LIMITED with Retry-After, even with the right password', async () => {
    const agent = await createUser(t.ctx.db, acme.tenant.id, { role: 'agent' });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const response = await loginRequest({ email: agent.email, password: `wrong-${i}` }, `10.2.0.${i + 1}`);
      statuses.push(response.statusCode);
      if (response.statusCode === 429) {
        expect(response.json()).toMatchObject({ code: 'LOGIN_RATE_LIMITED' });
        expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      }
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses).toContain(429);
    const locked = await t.ctx.db.system.selectFrom('login_attempts').selectAll().where('key', '=', `email:${agent.email}`).executeTakeFirst();
    expect(locked?.failures).toBeGreaterThanOrEqual(5);
  });

  it('backs off per IP address across many emails', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i += 1) {
      const response = await loginRequest({ email: `probe-${i}@example.com`, password: 'guess' }, '10.3.0.1');
      statuses.push(response.statusCode);
      if (response.statusCode === 429) break;
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(5);
  });

  it('prunes long-expired sessions, idle login counters and old idempotency keys (twice is harmless)', async () => {
    const db = t.ctx.db.system;
    await login(t.app, acme.owner.email!);
    await db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 3 * 86400_000) }).execute();
    await db.insertInto('login_attempts').values({ key: 'email:old@example.com', failures: 2, updated_at: new Date(Date.now() - 2 * 86400_000) }).execute();
    await db
      .insertInto('idempotency_keys')
      .values({ tenant_id: acme.tenant.id, principal: 'user:1', key: 'old', method: 'POST', path: '/x', request_hash: 'h', created_at: new Date(Date.now() - 2 * 86400_000) })
      .execute();
    const first = await pruneIdentityData(t.ctx.db);
    expect(first.sessions).toBeGreaterThanOrEqual(1);
    expect(first.loginAttempts).toBeGreaterThanOrEqual(1);
    expect(await pruneIdempotencyKeys(t.ctx.db)).toBe(1);
    expect(await pruneIdentityData(t.ctx.db)).toEqual({ sessions: 0, loginAttempts: 0, links: 0 });
    expect(await pruneIdempotencyKeys(t.ctx.db)).toBe(0);
  });
});
