import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createTenantWithRoles } from '../helpers/factories.ts';
import { routeCases } from './route-table.ts';

/** Whatever a client sends, the answer is a 4xx problem document, never a 500. */
describe('malformed input never yields a 500', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp();
    token = (await createTenantWithRoles(t.ctx.db)).tokens.owner;
  });
  afterAll(() => t.close());

  const badIds = ['abc', '-1', '0', '99999999999999999999', '1e3', '%00', '%E4%BD%A0', 'a'.repeat(300)];
  const badBodies: Array<{ label: string; payload: string; type?: string }> = [
    { label: 'broken JSON', payload: '{"subject": "x",' },
    { label: 'a JSON array', payload: '[1,2,3]' },
    { label: 'a JSON string', payload: '"hello"' },
    { label: 'null', payload: 'null' },
    { label: 'wrong types everywhere', payload: JSON.stringify({ subject: 1, name: [], email: {}, body: 5, public: 'yes', comment: 'x', tags: 'a', user_ids: 'x', custom_fields: 7, priority: 'extreme', status: 9, scope: 'root', key: '../x', type: 'nope', category: 'x', time_zone: 'Mars/Base' }) },
    { label: 'deep nesting', payload: `${'{"a":'.repeat(500)}1${'}'.repeat(500)}` },
    { label: 'form encoded', payload: 'a=1&b=2', type: 'application/x-www-form-urlencoded' },
    { label: 'huge string', payload: JSON.stringify({ subject: 'x'.repeat(200_000), name: 'y'.repeat(200_000), comment: { body: 'z'.repeat(200_000), public: true } }) },
  ];

  const routes = [...new Set(routeCases.map((c) => c.route))];

  for (const route of routes) {
    const [method, path] = route.split(' ') as ['GET', string];
    it(`${route}`, async () => {
      const urls = path.includes(':') ? badIds.map((id) => path.replace(/:[a-z_]+/g, id)) : [path];
      const statuses = new Set<number>();
      for (const url of urls) {
        if (method === 'GET' || method === ('DELETE' as string)) {
          for (const query of ['', '?limit=-5&cursor=%%%', '?cursor=eyJ4IjoxfQ&limit=abc', '?created_after=yesterday&status=weird&assignee_id=me']) {
            const response = await t.app.inject({ method, url: `${url}${query}`, headers: bearer(token) });
            statuses.add(response.statusCode);
            expect(response.statusCode, `${method} ${url}${query}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
          }
          continue;
        }
        for (const body of badBodies) {
          const response = await t.app.inject({
            method,
            url,
            payload: body.payload,
            headers: { ...bearer(token), 'content-type': body.type ?? 'application/json', 'if-match': 'not-a-version' },
          });
          statuses.add(response.statusCode);
          expect(response.statusCode, `${method} ${url} with ${body.label}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
          if (response.statusCode >= 400) expect(response.json().code, `${method} ${url} with ${body.label}`).toMatch(/^[A-Z_]+$/);
        }
      }
      expect([...statuses].every((status) => status < 500)).toBe(true);
    });
  }
});
