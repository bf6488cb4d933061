import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createTenantWithRoles } from '../helpers/factories.ts';
import { createTicket, type Json } from '../helpers/ticket-factories.ts';

describe('ticket configuration', () => {
  let t: TestApp;
  let env: Awaited<ReturnType<typeof createTenantWithRoles>>;
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: Json, token = env.tokens.admin) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: bearer(token), ...(payload ? { payload } : {}) });
  const audit = async (action: string) =>
    t.ctx.db.system.selectFrom('audit_log').selectAll().where('tenant_id', '=', env.tenant.id).where('action', '=', action).execute();

  beforeAll(async () => {
    t = await createTestApp();
    env = await createTenantWithRoles(t.ctx.db);
  });
  afterAll(() => t.close());

  describe('statuses', () => {
    it('seeds the six default statuses with Chinese names', async () => {
      const statuses = (await call('GET', '/ticket-statuses', undefined, env.tokens.light_agent)).json().data;
      expect(statuses.map((status: Json) => [status.category, status.name, status.name_zh, status.is_default])).toEqual([
        ['new', 'New', '新建', true],
        ['open', 'Open', '处理中', true],
        ['pending', 'Pending', '等待客户', true],
        ['on_hold', 'On-hold', '挂起', true],
        ['solved', 'Solved', '已解决', true],
        ['closed', 'Closed', '已关闭', true],
      ]);
    });

    it('creates, renames, makes default and deletes custom statuses, audited', async () => {
      const created = await call('POST', '/ticket-statuses', { category: 'pending', name: 'Waiting for courier', name_zh: '等待快递' });
      expect(created.statusCode).toBe(201);
      const status = created.json();
      expect((await call('POST', '/ticket-statuses', { category: 'open', name: 'waiting FOR courier' })).json().code).toBe('TICKET_STATUS_NAME_TAKEN');
      const renamed = await call('PATCH', `/ticket-statuses/${status.id}`, { name: 'Courier', is_default: true });
      expect(renamed.json()).toMatchObject({ name: 'Courier', is_default: true });
      const statuses = (await call('GET', '/ticket-statuses')).json().data;
      expect(statuses.filter((row: Json) => row.category === 'pending' && row.is_default)).toHaveLength(1);
      // A new pending ticket now gets the new default.
      const ticket = await createTicket(t.app, env.tokens.agent, { status: 'pending' });
      expect(ticket.status_name).toBe('Courier');
      expect((await call('DELETE', `/ticket-statuses/${status.id}`)).json().code).toBe('TICKET_STATUS_IS_DEFAULT');
      const old = statuses.find((row: Json) => row.name === 'Pending');
      expect((await call('PATCH', `/ticket-statuses/${old.id}`, { is_default: true })).statusCode).toBe(200);
      expect((await call('DELETE', `/ticket-statuses/${status.id}`)).json().code).toBe('TICKET_STATUS_IN_USE');
      const unused = (await call('POST', '/ticket-statuses', { category: 'on_hold', name: 'Supplier' })).json();
      expect((await call('DELETE', `/ticket-statuses/${unused.id}`)).statusCode).toBe(204);
      expect(await audit('ticket_status.create')).toHaveLength(2);
      expect(await audit('ticket_status.delete')).toHaveLength(1);
    });

    it('allows reads to staff and writes to admins only', async () => {
      expect((await call('GET', '/ticket-statuses', undefined, env.tokens.customer)).statusCode).toBe(403);
      expect((await call('POST', '/ticket-statuses', { category: 'open', name: 'X' }, env.tokens.agent)).statusCode).toBe(403);
      expect((await call('POST', '/ticket-statuses', { category: 'opened', name: 'X' })).statusCode).toBe(400);
      expect((await call('PATCH', '/ticket-statuses/999999', { name: 'X' })).statusCode).toBe(404);
    });
  });

  describe('categories', () => {
    it('nests three levels deep at most, and moves subtrees', async () => {
      const level1 = (await call('POST', '/categories', { name: '物流', name_zh: '物流' })).json();
      const level2 = (await call('POST', '/categories', { name: 'Delivery', parent_id: level1.id })).json();
      const level3 = (await call('POST', '/categories', { name: 'Late', parent_id: level2.id })).json();
      expect([level1.depth, level2.depth, level3.depth]).toEqual([1, 2, 3]);
      const tooDeep = await call('POST', '/categories', { name: 'Very late', parent_id: level3.id });
      expect(tooDeep.statusCode).toBe(400);
      expect(tooDeep.json().code).toBe('CATEGORY_TOO_DEEP');
      expect((await call('POST', '/categories', { name: 'delivery', parent_id: level1.id })).json().code).toBe('CATEGORY_NAME_TAKEN');
      const moved = await call('PATCH', `/categories/${level2.id}`, { parent_id: null });
      expect(moved.json()).toMatchObject({ parent_id: null, depth: 1 });
      const list = (await call('GET', '/categories')).json().data;
      expect(list.find((row: Json) => row.id === level3.id).depth).toBe(2);
      expect((await call('PATCH', `/categories/${level2.id}`, { parent_id: level3.id })).statusCode).toBe(400);
      const ticket = await createTicket(t.app, env.tokens.agent, { category_id: level3.id });
      expect(ticket.category_id).toBe(level3.id);
      expect((await call('DELETE', `/categories/${level2.id}`)).statusCode).toBe(204);
      expect((await call('GET', `/categories`)).json().data.map((row: Json) => row.id)).toEqual([level1.id]);
    });
  });

  describe('tags', () => {
    it('creates normalised tags, lists them with counts, deletes them', async () => {
      const created = await call('POST', '/tags', { name: ' Refund Request ' }, env.tokens.agent);
      expect(created.statusCode).toBe(201);
      expect(created.json()).toEqual({ name: 'refund_request' });
      expect((await call('POST', '/tags', { name: 'refund_request' }, env.tokens.agent)).statusCode).toBe(200);
      await createTicket(t.app, env.tokens.agent, { tags: ['refund_request', 'vip'] });
      const list = (await call('GET', '/tags?counts=true', undefined, env.tokens.light_agent)).json().data;
      expect(list).toEqual(expect.arrayContaining([{ name: 'refund_request', count: 1 }, { name: 'vip', count: 1 }]));
      expect((await call('GET', '/tags?q=ref')).json().data).toEqual([{ name: 'refund_request' }]);
      expect((await call('POST', '/tags', { name: '  ' })).statusCode).toBe(400);
      expect((await call('POST', '/tags', { name: 'x' }, env.tokens.light_agent)).statusCode).toBe(403);
      expect((await call('DELETE', '/tags/vip')).statusCode).toBe(204);
      expect((await call('DELETE', '/tags/vip')).statusCode).toBe(404);
    });
  });

  describe('custom fields and forms', () => {
    it('validates definitions: key, options, regex pattern', async () => {
      const bad = [
        [{ key: 'Bad Key', title: 't', type: 'text' }, 'body.key'],
        [{ key: 'size', title: 't', type: 'dropdown' }, 'body.options'],
        [{ key: 'tracking', title: 't', type: 'regex', pattern: '([A-Z' }, 'body.pattern'],
        [{ key: 'tracking', title: 't', type: 'regex' }, 'body.pattern'],
      ] as const;
      for (const [body, path] of bad) {
        const response = await call('POST', '/custom-fields', body as unknown as Json);
        expect(response.statusCode).toBe(400);
        expect(response.json().errors.map((error: Json) => error.path)).toContain(path);
      }
      expect((await call('POST', '/custom-fields', { key: 'x', title: 't', type: 'date' }, env.tokens.supervisor)).statusCode).toBe(403);
    });

    it('creates, updates and deletes fields; forms list them in order', async () => {
      const size = (await call('POST', '/custom-fields', { key: 'size', title: 'Size', title_zh: '尺码', type: 'dropdown', options: [{ value: 's' }, { value: 'm', label: 'Medium' }] })).json();
      expect(size.options).toEqual([{ value: 's', label: 's', label_zh: null }, { value: 'm', label: 'Medium', label_zh: null }]);
      expect((await call('POST', '/custom-fields', { key: 'size', title: 'Again', type: 'text' })).json().code).toBe('CUSTOM_FIELD_KEY_TAKEN');
      const gift = (await call('POST', '/custom-fields', { key: 'gift', title: 'Gift', type: 'checkbox' })).json();
      const patched = await call('PATCH', `/custom-fields/${size.id}`, { options: [{ value: 'l' }], required_on_solve: true });
      expect(patched.json()).toMatchObject({ options: [{ value: 'l' }], required_on_solve: true });
      expect((await call('PATCH', `/custom-fields/${size.id}`, { type: 'text' })).statusCode).toBe(400);

      const form = await call('POST', '/ticket-forms', { name: 'Returns', field_ids: [gift.id, size.id], is_default: true });
      expect(form.statusCode).toBe(201);
      expect(form.json()).toMatchObject({ field_ids: [gift.id, size.id], is_default: true });
      expect((await call('POST', '/ticket-forms', { name: 'Bad', field_ids: ['999999'] })).json().errors[0].path).toBe('body.field_ids.0');
      // New tickets get the default form.
      const ticket = await createTicket(t.app, env.tokens.agent);
      expect(ticket.form_id).toBe(form.json().id);

      expect((await call('DELETE', `/custom-fields/${gift.id}`)).statusCode).toBe(204);
      const forms = (await call('GET', '/ticket-forms')).json().data;
      expect(forms[0].field_ids).toEqual([size.id]);
      expect((await call('GET', '/custom-fields', undefined, env.tokens.agent)).json().data.map((field: Json) => field.key)).toEqual(['size']);
      expect(await audit('custom_field.delete')).toHaveLength(1);
      expect(await audit('ticket_form.create')).toHaveLength(1);
    });
  });
});
