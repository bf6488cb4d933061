import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createTenantWithRoles, createUser } from '../helpers/factories.ts';

describe('GET /api/v1/users?ids=', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  let tenantId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const tenant = await createTenantWithRoles(t.ctx.db);
    tokens = tenant.tokens;
    tenantId = tenant.tenant.id;
  });
  afterAll(() => t.close());

  it('returns exactly the asked users in one call', async () => {
    const people = await Promise.all([1, 2, 3].map(() => createUser(t.ctx.db, tenantId, { role: 'customer' })));
    const other = await createTenantWithRoles(t.ctx.db);
    const ids = [...people.map((p) => p.id), other.users.customer.id];
    const response = await t.app.inject({ url: `/api/v1/users?ids=${ids.join(',')}`, headers: bearer(tokens.agent!) });
    expect(response.statusCode).toBe(200);
    // Another tenant's user is simply not there.
    expect(response.json().data.map((u: { id: string }) => u.id).sort()).toEqual(people.map((p) => p.id).sort());
  });

  it('refuses bad or too many ids, and customers', async () => {
    const bad = await t.app.inject({ url: '/api/v1/users?ids=1,abc', headers: bearer(tokens.agent!) });
    expect(bad.statusCode).toBe(400);
    const many = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
    expect((await t.app.inject({ url: `/api/v1/users?ids=${many}`, headers: bearer(tokens.agent!) })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/v1/users?ids=1', headers: bearer(tokens.customer!) })).statusCode).toBe(403);
  });
});
