import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

describe('first-run setup', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const setup = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/setup', payload });
  const body = { company: '示例科技有限公司', name: '李雷', email: 'li.lei@example.cn', password: 'first-run-password', locale: 'zh-CN' };

  it('is needed on a fresh install', async () => {
    expect((await t.app.inject({ url: '/api/v1/setup' })).json()).toEqual({ needed: true });
  });

  it('rejects an invalid body with 400 and creates nothing', async () => {
    const response = await setup({ ...body, password: 'short', time_zone: 'Not/AZone' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.password', 'body.time_zone']);
    expect((await t.app.inject({ url: '/api/v1/setup' })).json()).toEqual({ needed: true });
  });

  it('creates the first tenant and its owner once, even when two requests race, and signs the owner in', async () => {
    const [a, b] = await Promise.all([setup(body), setup({ ...body, company: 'Other Co', email: 'other@example.com' })]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses).toEqual([201, 409]);
    const winner = a.statusCode === 201 ? a : b;
    const loser = a.statusCode === 201 ? b : a;
    expect(loser.json()).toMatchObject({ code: 'SETUP_ALREADY_DONE' });
    expect(winner.json()).toMatchObject({ user: { role: 'owner' }, csrf_token: expect.any(String) });
    expect(winner.body).not.toMatch(/password|hash/i);

    const cookie = winner.cookies.find((c) => c.name === 'sb_session')!;
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: `sb_session=${cookie.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.role).toBe('owner');

    const tenants = await t.ctx.db.system.selectFrom('tenants').select(['name', 'slug', 'default_locale']).execute();
    expect(tenants).toHaveLength(1);
    if (tenants[0].name === body.company) {
      // A Chinese name has no ASCII slug: it falls back to tenant-<n>.
      expect(tenants[0]).toEqual({ name: body.company, slug: 'tenant-1', default_locale: 'zh-CN' });
    }
  });

  it('is no longer needed nor allowed afterwards', async () => {
    expect((await t.app.inject({ url: '/api/v1/setup' })).json()).toEqual({ needed: false });
    const again = await setup({ ...body, company: 'Third', email: 'third@example.com' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'SETUP_ALREADY_DONE' });
  });
});
