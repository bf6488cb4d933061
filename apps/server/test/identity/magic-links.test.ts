import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createTenant, createUser, type TestTenant } from '../helpers/factories.ts';

describe('portal sign-in links', () => {
  let t: TestApp;
  let acme: TestTenant;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp({ SWITCHBOARD_PUBLIC_URL: 'https://help.example.com' });
    acme = await createTenant(t.ctx.db);
  });
  afterAll(() => t.close());

  // Each test asks from its own address, so the per-IP limit only bites where it is tested.
  const ip = () => `10.9.${++n}.1`;
  const ask = (body: object, remoteAddress = ip()) =>
    t.app.inject({ method: 'POST', url: '/api/v1/portal/magic-link', payload: body, remoteAddress });
  const consume = (token: string) => t.app.inject({ method: 'POST', url: '/api/v1/portal/magic-link/consume', payload: { token } });
  const mailsTo = async (address: string) =>
    (
      await sql<{ text_body: string; subject: string; tenant_id: string }>`select text_body, subject, tenant_id::text from mail_outbox
        where kind = 'magic_link' and lower(to_address) = ${address.toLowerCase()} order by id`.execute(t.ctx.db.system)
    ).rows;
  const tokenOf = (text: string) => /\/portal\/link\?token=([A-Za-z0-9_-]+)/.exec(text)![1];
  const customer = (tenantId = acme.tenant.id, locale: 'en' | 'zh-CN' | null = null) =>
    createUser(t.ctx.db, tenantId, { role: 'customer', password: null, locale, email: `buyer-${++n}-${Date.now()}@example.cn` });

  it('answers 202 alike for known, unknown and staff addresses, and mails only the customer', async () => {
    const buyer = await customer();
    const agent = await createUser(t.ctx.db, acme.tenant.id, { role: 'agent' });
    const answers = [await ask({ email: buyer.email!.toUpperCase() }), await ask({ email: 'nobody-here@example.com' }), await ask({ email: agent.email! })];
    for (const answer of answers) {
      expect(answer.statusCode).toBe(202);
      expect(answer.body).toBe(answers[0].body);
    }
    const mails = await mailsTo(buyer.email!);
    expect(mails).toHaveLength(1);
    expect(mails[0].text_body).toContain('https://help.example.com/portal/link?token=');
    expect(await mailsTo('nobody-here@example.com')).toHaveLength(0);
    expect(await mailsTo(agent.email!)).toHaveLength(0);
  });

  it('signs the customer in once; the same link then fails', async () => {
    const buyer = await customer();
    await ask({ email: buyer.email! });
    const token = tokenOf((await mailsTo(buyer.email!))[0].text_body);
    const first = await consume(token);
    expect(first.statusCode).toBe(200);
    expect(first.json().user).toMatchObject({ id: buyer.id, role: 'customer' });
    const cookie = first.cookies.find((c) => c.name === 'sb_session')!;
    const tickets = await t.app.inject({ url: '/api/v1/tickets', headers: { cookie: `sb_session=${cookie.value}` } });
    expect(tickets.statusCode).toBe(200);
    const second = await consume(token);
    expect(second.statusCode).toBe(400);
    expect(second.json().code).toBe('MAGIC_LINK_INVALID');
    expect((await consume('made-up-token-that-was-never-sent')).json().code).toBe('MAGIC_LINK_INVALID');
  });

  it('expires after 15 minutes', async () => {
    const buyer = await customer();
    await ask({ email: buyer.email! });
    const token = tokenOf((await mailsTo(buyer.email!))[0].text_body);
    const { rows } = await sql<{ minutes: number }>`select round(extract(epoch from expires_at - created_at) / 60)::int as minutes
      from identity_links where purpose = 'magic_link' and user_id = ${buyer.id}`.execute(t.ctx.db.system);
    expect(rows[0].minutes).toBe(15);
    await sql`update identity_links set expires_at = now() - interval '1 second' where user_id = ${buyer.id}`.execute(t.ctx.db.system);
    expect((await consume(token)).json().code).toBe('MAGIC_LINK_INVALID');
  });

  it('a deactivated customer cannot use a link sent before', async () => {
    const buyer = await customer();
    await ask({ email: buyer.email! });
    const token = tokenOf((await mailsTo(buyer.email!))[0].text_body);
    await sql`update users set active = false where id = ${buyer.id}`.execute(t.ctx.db.system);
    expect((await consume(token)).json().code).toBe('MAGIC_LINK_INVALID');
  });

  it('sends at most 3 links per address per quarter hour, still answering 202', async () => {
    const buyer = await customer();
    for (let i = 0; i < 5; i++) expect((await ask({ email: buyer.email! })).statusCode).toBe(202);
    expect(await mailsTo(buyer.email!)).toHaveLength(3);
  });

  it('slows down one client asking too often: 429 with Retry-After', async () => {
    const address = '10.200.0.1';
    const answers = [];
    for (let i = 0; i < 21; i++) answers.push((await ask({ email: `someone-${i}@example.com` }, address)).statusCode);
    expect(answers.slice(0, 20).every((status) => status === 202)).toBe(true);
    const limited = await ask({ email: 'someone-else@example.com' }, address);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('MAGIC_LINK_RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await ask({ email: 'someone-else@example.com' }, '10.201.0.1')).statusCode).toBe(202);
  });

  it('one address in two workspaces: a link for each, or for the one named; in the customer’s language', async () => {
    const other = await createTenant(t.ctx.db, { locale: 'zh-CN' });
    await sql`update tenants set default_locale = 'zh-CN' where id = ${other.tenant.id}`.execute(t.ctx.db.system);
    const address = `both-${Date.now()}@example.cn`;
    await createUser(t.ctx.db, acme.tenant.id, { role: 'customer', email: address, password: null });
    await createUser(t.ctx.db, other.tenant.id, { role: 'customer', email: address, password: null });
    await ask({ email: address });
    const both = await mailsTo(address);
    expect(both.map((m) => m.tenant_id).sort()).toEqual([acme.tenant.id, other.tenant.id].sort());
    expect(both.find((m) => m.tenant_id === other.tenant.id)!.subject).toContain('登录');
    await ask({ email: address, tenant: other.tenant.slug });
    const after = await mailsTo(address);
    expect(after).toHaveLength(3);
    expect(after[2].tenant_id).toBe(other.tenant.id);
    const signedIn = await consume(tokenOf(after[2].text_body));
    expect(signedIn.json().tenant.id).toBe(other.tenant.id);
  });

  it('writes the mail in the portal’s language when the customer has not chosen one', async () => {
    const buyer = await customer();
    await ask({ email: buyer.email!, locale: 'zh-CN' });
    expect((await mailsTo(buyer.email!))[0].subject).toBe(`登录「${acme.tenant.name}」帮助中心`);
    const english = await customer(acme.tenant.id, 'en');
    await ask({ email: english.email!, locale: 'zh-CN' });
    expect((await mailsTo(english.email!))[0].subject).toBe(`Sign in to ${acme.tenant.name}`);
  });

  it('tells the portal its workspace by slug, and refuses bad input with 400', async () => {
    const found = await t.app.inject({ url: `/api/v1/portal/tenant?tenant=${acme.tenant.slug}` });
    expect(found.json()).toMatchObject({ name: acme.tenant.name, slug: acme.tenant.slug, logo_url: null });
    expect((await t.app.inject({ url: '/api/v1/portal/tenant?tenant=no-such-company' })).statusCode).toBe(404);
    expect((await ask({ email: 'not an email' })).statusCode).toBe(400);
    expect((await ask({ email: 'a@example.com', extra: 1 })).statusCode).toBe(400);
  });
});
