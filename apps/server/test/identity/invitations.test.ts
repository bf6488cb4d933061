import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/platform/auth-context/actor.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createGroup, createTenantWithRoles, login } from '../helpers/factories.ts';

type World = Awaited<ReturnType<typeof createTenantWithRoles>>;

describe('agent invitations', () => {
  let t: TestApp;
  let w: World;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp({ SWITCHBOARD_PUBLIC_URL: 'https://desk.example.com/' });
    w = await createTenantWithRoles(t.ctx.db);
  });
  afterAll(() => t.close());

  const as = (role: Role) => bearer(w.tokens[role]);
  const email = () => `invitee-${++n}-${Date.now()}@example.com`;
  const invite = (body: object, role: Role = 'admin') =>
    t.app.inject({ method: 'POST', url: '/api/v1/invitations', headers: as(role), payload: body });

  /** The newest queued mail to this address and the token in its link. */
  async function mailTo(address: string) {
    const { rows } = await sql<{ kind: string; subject: string; text_body: string; html_body: string; status: string }>`
      select kind, subject, text_body, html_body, status from mail_outbox where to_address = ${address} order by id desc limit 1`.execute(t.ctx.db.system);
    const mail = rows[0];
    const token = mail ? /\/accept-invite\?token=([A-Za-z0-9_-]+)/.exec(mail.text_body)?.[1] : undefined;
    return { mail, token };
  }

  const check = (token: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/invitation/check', payload: { token } });
  const accept = (token: string, password = 'a brand new passphrase') =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/invitation/accept', payload: { token, password } });

  it('creates the agent without a password, queues the email with its link in the same transaction, and audits it', async () => {
    const address = email();
    const groupId = await createGroup(t.ctx.db, w.tenant.id);
    const response = await invite({ name: 'Wang Fang', email: address, role: 'agent', group_ids: [groupId] });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.user).toMatchObject({ name: 'Wang Fang', email: address, role: 'agent', active: true, group_ids: [groupId] });
    expect(new Date(body.expires_at).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    expect(response.body).not.toMatch(/token|hash/i);

    const { mail, token } = await mailTo(address);
    expect(mail).toMatchObject({ kind: 'invitation', status: 'pending' });
    expect(mail.text_body).toContain('https://desk.example.com/accept-invite?token=');
    expect(mail.html_body).toContain('accept-invite');
    expect(token).toBeTruthy();
    // Announced to the mail consumer through the outbox.
    const queued = await sql<{ n: number }>`select count(*)::int as n from outbox where topic = 'mail.queued' and tenant_id = ${w.tenant.id}`.execute(t.ctx.db.system);
    expect(queued.rows[0].n).toBeGreaterThanOrEqual(1);
    // No password yet: signing in fails.
    await expect(login(t.app, address, 'a brand new passphrase')).rejects.toThrow(/401/);
    const audit = await t.ctx.db.system.selectFrom('audit_log').select('action').where('target_id', '=', body.user.id).execute();
    expect(audit.map((a) => a.action)).toContain('user.invited');

    const open = await t.app.inject({ url: '/api/v1/invitations', headers: as('admin') });
    expect(open.json().data.map((i: { user_id: string }) => i.user_id)).toContain(body.user.id);
  });

  it('shows who the link is for, sets the password once, signs the agent in, and then the link is spent', async () => {
    const address = email();
    await invite({ name: 'Li Lei', email: address });
    const { token } = await mailTo(address);

    const info = await check(token!);
    expect(info.statusCode).toBe(200);
    expect(info.json()).toMatchObject({ name: 'Li Lei', email: address, tenant: { name: w.tenant.name, slug: w.tenant.slug } });

    const short = await accept(token!, 'short');
    expect(short.statusCode).toBe(400);
    expect(short.json().code).toBe('VALIDATION_FAILED');

    const accepted = await accept(token!);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().user).toMatchObject({ email: address, role: 'agent' });
    expect(accepted.json().csrf_token).toBeTruthy();
    const cookie = accepted.cookies.find((c) => c.name === 'sb_session')!;
    expect(cookie.httpOnly).toBe(true);
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: `sb_session=${cookie.value}` } });
    expect(me.json().user.email).toBe(address);

    await login(t.app, address, 'a brand new passphrase');
    for (const again of [await accept(token!, 'another long passphrase'), await check(token!)]) {
      expect(again.statusCode).toBe(400);
      expect(again.json().code).toBe('INVITATION_INVALID');
    }
    await expect(login(t.app, address, 'another long passphrase')).rejects.toThrow(/401/);
    const open = await t.app.inject({ url: '/api/v1/invitations', headers: as('admin') });
    expect(open.json().data.map((i: { user_id: string }) => i.user_id)).not.toContain(accepted.json().user.id);
  });

  it('a resent invitation replaces the previous link; nothing is resent once accepted', async () => {
    const address = email();
    const user = (await invite({ name: 'Zhao Min', email: address })).json().user;
    const first = (await mailTo(address)).token!;
    const resent = await t.app.inject({ method: 'POST', url: `/api/v1/users/${user.id}/invitation`, headers: as('admin') });
    expect(resent.statusCode).toBe(201);
    const second = (await mailTo(address)).token!;
    expect(second).not.toBe(first);
    expect((await check(first)).json().code).toBe('INVITATION_INVALID');
    expect((await accept(second)).statusCode).toBe(200);
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/users/${user.id}/invitation`, headers: as('admin') });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('INVITATION_ALREADY_ACCEPTED');
    const customer = await t.app.inject({ method: 'POST', url: `/api/v1/users/${w.users.customer.id}/invitation`, headers: as('admin') });
    expect(customer.statusCode).toBe(400);
    expect(customer.json().code).toBe('INVITATION_STAFF_ONLY');
  });

  it('refuses expired links and links of deactivated users', async () => {
    const expired = email();
    await invite({ name: 'Late', email: expired });
    const lateToken = (await mailTo(expired)).token!;
    await sql`update identity_links set expires_at = now() - interval '1 minute' where purpose = 'invitation'
      and user_id = (select id from users where email = ${expired})`.execute(t.ctx.db.system);
    expect((await check(lateToken)).json().code).toBe('INVITATION_INVALID');
    expect((await accept(lateToken)).json().code).toBe('INVITATION_INVALID');

    const gone = email();
    const user = (await invite({ name: 'Gone', email: gone })).json().user;
    const goneToken = (await mailTo(gone)).token!;
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/users/${user.id}`, headers: as('admin') })).statusCode).toBe(200);
    expect((await accept(goneToken)).json().code).toBe('INVITATION_INVALID');
  });

  it('checks like the API: roles that may invite, owners for admins, taken emails, unknown groups', async () => {
    for (const role of ['supervisor', 'agent', 'light_agent', 'customer'] as const) {
      const refused = await invite({ name: 'X', email: email() }, role);
      expect(refused.statusCode, role).toBe(403);
    }
    expect((await invite({ name: 'Boss', email: email(), role: 'admin' }, 'admin')).statusCode).toBe(403);
    expect((await invite({ name: 'Boss', email: email(), role: 'admin' }, 'owner')).statusCode).toBe(201);
    const taken = await invite({ name: 'Dup', email: w.users.agent.email!.toUpperCase() });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('USER_EMAIL_TAKEN');
    const badGroup = await invite({ name: 'G', email: email(), group_ids: ['999999'] });
    expect(badGroup.json().code).toBe('GROUP_NOT_FOUND');
    const customerRole = await invite({ name: 'C', email: email(), role: 'customer' });
    expect(customerRole.statusCode).toBe(400);
    expect((await invite({ name: 'No mail' })).statusCode).toBe(400);
  });

  it('writes the email in the invitee’s language, else the workspace’s', async () => {
    const address = email();
    await invite({ name: '王芳', email: address, locale: 'zh-CN' });
    const { mail } = await mailTo(address);
    expect(mail.subject).toContain('邀请您加入');
    expect(mail.text_body).toContain('王芳，您好');
    const english = email();
    await invite({ name: 'Ann <b>', email: english });
    const en = (await mailTo(english)).mail;
    expect(en.subject).toMatch(/invited you to/);
    expect(en.html_body).toContain('Ann &lt;b&gt;');
    expect(en.html_body).not.toContain('Ann <b>');
  });
});
