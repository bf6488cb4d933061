import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/platform/auth-context/actor.ts';
import { PERMISSIONS } from '../../src/platform/auth-context/permissions.ts';
import type { HttpServer } from '../../src/platform/http/create-http-server.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createTenantWithRoles } from '../helpers/factories.ts';
import { buildFixtures } from './fixtures.ts';
import { routeCases, routesTestedElsewhere, type Fixtures, type RouteCase } from './route-table.ts';

type Caller = Role | 'anonymous';
const callers: Caller[] = ['anonymous', 'owner', 'admin', 'supervisor', 'agent', 'light_agent', 'customer'];

/** Lists 'METHOD /path' for every route the app serves, from Fastify's route tree. */
export function registeredRoutes(app: HttpServer): string[] {
  const lines = app.printRoutes({ commonPrefix: false }).split('\n');
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of lines) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]+)\))?/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    stack.push(match[2]!);
    const path = stack.join('');
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim()).filter(Boolean)) {
      if (method !== 'HEAD') routes.push(`${method} ${path}`);
    }
  }
  return routes;
}

function allowed(needs: RouteCase['needs'], caller: Caller): boolean {
  if (needs === 'public') return true;
  if (caller === 'anonymous') return false;
  if (needs === 'authenticated') return true;
  if (typeof needs === 'object') return needs.roles.includes(caller);
  return (PERMISSIONS[needs] as readonly Role[]).includes(caller);
}

describe('route table: every route, every role', () => {
  let t: TestApp;
  let tokens: Record<Role, string>;
  let fx: Fixtures;

  beforeAll(async () => {
    t = await createTestApp();
    const tenant = await createTenantWithRoles(t.ctx.db);
    tokens = tenant.tokens;
    fx = await buildFixtures(t.app, tenant.tokens.admin, tenant.users.customer.id, 'fx', t.ctx.db);
  });
  afterAll(() => t.close());

  it('lists every API route the app serves, and only those', () => {
    const served = registeredRoutes(t.app).filter((route) => route.split(' ')[1]!.startsWith('/api/v1/'));
    const listed = new Set([...routeCases.map((c) => c.route), ...routesTestedElsewhere]);
    expect(served.filter((route) => !listed.has(route))).toEqual([]);
    expect([...listed].filter((route) => !served.includes(route))).toEqual([]);
  });

  for (const routeCase of routeCases) {
    const [method, path] = routeCase.route.split(' ') as [string, string];
    it(`${routeCase.route}${routeCase.label ? ` (${routeCase.label})` : ''}`, async () => {
      const outcomes: Record<string, number> = {};
      const expected: Record<string, number | number[]> = {};
      for (const caller of callers) {
        const request = await routeCase.request(fx);
        const response = await t.app.inject({
          method: method as 'GET',
          url: request.url,
          payload: request.body as object | undefined,
          headers: { ...(caller === 'anonymous' ? {} : bearer(tokens[caller])), ...request.headers },
        });
        expect(response.statusCode, `${caller} ${path}: ${response.body}`).toBeLessThan(500);
        const ok = allowed(routeCase.needs, caller);
        const want = ok ? routeCase.ok : caller === 'anonymous' ? 401 : 403;
        outcomes[caller] = response.statusCode;
        expected[caller] = Array.isArray(want) && want.includes(response.statusCode) ? response.statusCode : want;
        if (!ok) expect(response.headers['content-type']).toContain('application/problem+json');
      }
      expect(outcomes).toEqual(expected);
    });
  }
});
