import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, paginate } from '../../src/modules/identity/domain/cursor.ts';
import { EMAIL_POLICY, IP_POLICY, lockDurationMs, retryAfterSeconds } from '../../src/modules/identity/domain/login-backoff.ts';
import { isValidTimeZone, needsOwner, permissionToManage } from '../../src/modules/identity/domain/role-rules.ts';
import { looksLikeApiToken, newApiToken, safeEqual, sha256 } from '../../src/modules/identity/domain/secrets.ts';
import { chooseSlug, slugBase } from '../../src/modules/identity/domain/slug.ts';
import { requestHash } from '../../src/platform/http/idempotency.ts';

describe('tenant slugs', () => {
  it.each([
    ['Acme Inc.', 'acme-inc'],
    ['  Café Ünïcode GmbH ', 'cafe-unicode-gmbh'],
    ['ACME---Support__Team', 'acme-support-team'],
    ['Ｆｕｌｌｗｉｄｔｈ Co', 'fullwidth-co'],
    ['示例科技 Example', 'example'],
    ['123 Go', '123-go'],
  ])('%s -> %s', (name, slug) => {
    expect(slugBase(name)).toBe(slug);
  });

  it('has no base for names without ASCII letters or digits', () => {
    expect(slugBase('示例科技有限公司')).toBeNull();
    expect(slugBase('—')).toBeNull();
  });

  it('cuts long names at 40 characters without a trailing hyphen', () => {
    const slug = slugBase('a'.repeat(39) + ' b')!;
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug.endsWith('-')).toBe(false);
  });

  it('picks the first free slug', () => {
    expect(chooseSlug('acme', new Set())).toBe('acme');
    expect(chooseSlug('acme', new Set(['acme']))).toBe('acme-2');
    expect(chooseSlug('acme', new Set(['acme', 'acme-2', 'acme-3']))).toBe('acme-4');
    expect(chooseSlug(null, new Set())).toBe('tenant-1');
    expect(chooseSlug(null, new Set(['tenant-1', 'tenant-2']))).toBe('tenant-3');
  });
});

describe('login back-off schedule', () => {
  it('does not lock below the threshold', () => {
    for (let failures = 0; failures < EMAIL_POLICY.threshold; failures += 1) expect(lockDurationMs(failures, EMAIL_POLICY)).toBe(0);
  });

  it('doubles from 1 s at the threshold, capped at 15 minutes', () => {
    const t = EMAIL_POLICY.threshold;
    expect([t, t + 1, t + 2, t + 3, t + 4].map((f) => lockDurationMs(f, EMAIL_POLICY))).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(lockDurationMs(t + 20, EMAIL_POLICY)).toBe(15 * 60_000);
    expect(lockDurationMs(10_000, EMAIL_POLICY)).toBe(15 * 60_000);
  });

  it('tolerates more failures per IP than per email', () => {
    expect(IP_POLICY.threshold).toBeGreaterThan(EMAIL_POLICY.threshold);
  });

  it('tells how many seconds remain, rounded up', () => {
    const now = new Date('2025-01-01T00:00:00Z');
    expect(retryAfterSeconds(null, now)).toBe(0);
    expect(retryAfterSeconds(new Date(now.getTime() - 1), now)).toBe(0);
    expect(retryAfterSeconds(new Date(now.getTime() + 1), now)).toBe(1);
    expect(retryAfterSeconds(new Date(now.getTime() + 4001), now)).toBe(5);
  });
});

describe('cursors', () => {
  it('round-trips ids and refuses anything else', () => {
    expect(decodeCursor(encodeCursor('12345'))).toBe('12345');
    expect(decodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor('')).toBeUndefined();
    expect(() => decodeCursor('nonsense')).toThrow(/cursor/);
    expect(() => decodeCursor(Buffer.from('id:-1').toString('base64url'))).toThrow();
  });

  it('pages rows fetched with limit + 1', () => {
    const rows = [{ id: '1' }, { id: '2' }, { id: '3' }];
    expect(paginate(rows, 3)).toEqual({ rows, nextCursor: null });
    const page = paginate(rows, 2);
    expect(page.rows).toEqual(rows.slice(0, 2));
    expect(decodeCursor(page.nextCursor!)).toBe('2');
  });
});

describe('roles and secrets', () => {
  it('maps target roles to the permission that manages them', () => {
    expect(permissionToManage('customer')).toBe('customers:write');
    expect(permissionToManage('light_agent')).toBe('staff:write');
    expect(needsOwner('admin')).toBe(true);
    expect(needsOwner('owner')).toBe(true);
    expect(needsOwner('supervisor')).toBe(false);
  });

  it('validates IANA time zones', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('makes API tokens with a prefix, hashed with SHA-256', () => {
    const a = newApiToken();
    const b = newApiToken();
    expect(a.token).not.toBe(b.token);
    expect(a.token).toMatch(/^sbt_[A-Za-z0-9_-]{43}$/);
    expect(a.hash).toBe(sha256(a.token));
    expect(a.token.startsWith(a.prefix)).toBe(true);
    expect(looksLikeApiToken(a.token)).toBe(true);
    expect(looksLikeApiToken('sbt_short')).toBe(false);
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('idempotency request hash', () => {
  it('ignores key order and undefined fields, not values, method or path', () => {
    const base = requestHash('POST', '/api/v1/x', { a: 1, b: { c: [1, 2], d: 'x' } });
    expect(requestHash('POST', '/api/v1/x', { b: { d: 'x', c: [1, 2] }, a: 1, e: undefined })).toBe(base);
    expect(requestHash('POST', '/api/v1/x', { a: 1, b: { c: [2, 1], d: 'x' } })).not.toBe(base);
    expect(requestHash('POST', '/api/v1/y', { a: 1, b: { c: [1, 2], d: 'x' } })).not.toBe(base);
    expect(requestHash('PUT', '/api/v1/x', { a: 1, b: { c: [1, 2], d: 'x' } })).not.toBe(base);
  });
});
