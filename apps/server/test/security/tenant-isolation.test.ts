import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createTenantWithRoles } from '../helpers/factories.ts';
import { buildFixtures } from './fixtures.ts';
import { routeCases, type Fixtures } from './route-table.ts';

/**
 * Tenant B, even its owner, sees nothing of tenant A through any route: reads of A's rows are
 * 404, lists and reports contain none of A's names, and writes cannot reach A's rows.
 */
describe('tenant isolation over the API', () => {
  const marker = 'tenantamark';
  let t: TestApp;
  let fxA: Fixtures;
  let tokensB: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    const a = await createTenantWithRoles(t.ctx.db);
    fxA = await buildFixtures(t.app, a.tokens.admin, a.users.customer.id, marker, t.ctx.db);
    // A's tenant also gets marked rows for every list: group, organization, tag, field, form.
    await fxA.groupId();
    await fxA.organizationId();
    await fxA.tag();
    await fxA.customFieldId();
    await fxA.formId();
    await fxA.statusId();
    await fxA.categoryId();
    await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(a.tokens.admin), payload: { subject: `${marker} subject`, comment: { body: `${marker} body`, public: true }, requester: { email: `${marker}@example.com`, name: `${marker} name` }, tags: [`${marker}tag`] } });
    const b = await createTenantWithRoles(t.ctx.db);
    tokensB = b.tokens;
  });
  afterAll(() => t.close());

  const reads = routeCases.filter((c) => c.route.startsWith('GET '));
  for (const routeCase of reads) {
    it(`${routeCase.route} shows tenant B nothing of tenant A`, async () => {
      const request = await routeCase.request(fxA);
      for (const role of ['owner', 'agent', 'customer'] as const) {
        const response = await t.app.inject({ method: 'GET', url: request.url, headers: bearer(tokensB[role]!) });
        if (routeCase.route.includes('/:')) {
          expect([404, 403], `${role} ${request.url}`).toContain(response.statusCode);
        } else {
          expect(response.statusCode, `${role} ${request.url}`).toBeLessThan(500);
        }
        expect(response.body.toLowerCase(), `${role} ${request.url}`).not.toContain(marker);
      }
    });
  }

  const writesOnRows = routeCases.filter((c) => !c.route.startsWith('GET ') && c.route.includes('/:'));
  for (const routeCase of writesOnRows) {
    it(`${routeCase.route}${routeCase.label ? ` (${routeCase.label})` : ''} cannot reach tenant A's row`, async () => {
      const request = await routeCase.request(fxA);
      const response = await t.app.inject({
        method: routeCase.route.split(' ')[0] as 'PATCH',
        url: request.url,
        payload: request.body as object | undefined,
        headers: { ...bearer(tokensB.owner!), ...request.headers },
      });
      expect(response.statusCode, `${request.url}: ${response.body}`).toBe(404);
    });
  }

  it("refuses tenant A's users and groups as fields of tenant B's tickets", async () => {
    const groupOfA = await fxA.groupId();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: bearer(tokensB.owner!),
      payload: { subject: 'x', comment: { body: 'y', public: true }, requester_id: fxA.customerId, group_id: groupOfA },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
  });
});
