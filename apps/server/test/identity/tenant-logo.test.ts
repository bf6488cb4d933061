import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/platform/auth-context/actor.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createTenantWithRoles } from '../helpers/factories.ts';

type World = Awaited<ReturnType<typeof createTenantWithRoles>>;

// A 1x1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

function multipart(fileName: string, type: string, bytes: Buffer) {
  const boundary = '----switchboard-logo-test';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('workspace logo', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createTenantWithRoles(t.ctx.db);
  });
  afterAll(() => t.close());

  const upload = (role: Role | null, fileName: string, type: string, bytes: Buffer) => {
    const body = multipart(fileName, type, bytes);
    return t.app.inject({ method: 'PUT', url: '/api/v1/tenant/logo', payload: body.payload, headers: { ...body.headers, ...(role ? bearer(w.tokens[role]) : {}) } });
  };

  it('an admin uploads a PNG; anyone can fetch it at the versioned logo_url; the change is audited', async () => {
    const response = await upload('admin', 'logo.png', 'image/png', PNG);
    expect(response.statusCode).toBe(200);
    const logoUrl = response.json().logo_url as string;
    expect(logoUrl).toMatch(new RegExp(`^/api/v1/tenants/${w.tenant.id}/logo\\?v=[0-9a-f]{12}$`));
    const image = await t.app.inject({ url: logoUrl });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.equals(PNG)).toBe(true);
    const portal = await t.app.inject({ url: `/api/v1/portal/tenant?tenant=${w.tenant.slug}` });
    expect(portal.json().logo_url).toBe(logoUrl);
    const audit = await t.ctx.db.system.selectFrom('audit_log').select('action').where('tenant_id', '=', w.tenant.id).execute();
    expect(audit.map((a) => a.action)).toContain('tenant.logo_changed');
  });

  it('sniffs the bytes: SVG, text and a mislabelled file are refused; too large is 413', async () => {
    const svg = await upload('admin', 'logo.svg', 'image/svg+xml', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'));
    expect(svg.statusCode).toBe(415);
    expect(svg.json().code).toBe('LOGO_TYPE_UNSUPPORTED');
    const fake = await upload('admin', 'logo.png', 'image/png', Buffer.from('not an image at all'));
    expect(fake.json().code).toBe('LOGO_TYPE_UNSUPPORTED');
    const big = await upload('admin', 'big.png', 'image/png', Buffer.concat([PNG, Buffer.alloc(600 * 1024)]));
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('LOGO_TOO_LARGE');
    const json = await t.app.inject({ method: 'PUT', url: '/api/v1/tenant/logo', payload: { a: 1 }, headers: bearer(w.tokens.admin) });
    expect(json.statusCode).toBe(415);
  });

  it('only owners and admins change it', async () => {
    for (const role of ['supervisor', 'agent', 'light_agent', 'customer'] as const) {
      expect((await upload(role, 'logo.png', 'image/png', PNG)).statusCode, role).toBe(403);
    }
    expect((await upload(null, 'logo.png', 'image/png', PNG)).statusCode).toBe(401);
  });

  it('removing it clears logo_url and the image is gone', async () => {
    await upload('owner', 'logo.png', 'image/png', PNG);
    const removed = await t.app.inject({ method: 'DELETE', url: '/api/v1/tenant/logo', headers: bearer(w.tokens.owner) });
    expect(removed.json().logo_url).toBeNull();
    expect((await t.app.inject({ url: `/api/v1/tenants/${w.tenant.id}/logo` })).statusCode).toBe(404);
  });
});
