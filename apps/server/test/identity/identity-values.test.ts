import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityValue, normalizeEmail, normalizePhone } from '../../src/modules/identity/domain/identity-values.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

const emails: Array<[string, string | null]> = [
  ['Wang.Fang@Example.COM', 'wang.fang@example.com'],
  ['  li@qq.com \t', 'li@qq.com'],
  ['', null],
  ['   ', null],
  ['张伟@例子.中国', '张伟@例子.中国'],
];

const phones: Array<[string, string | null]> = [
  ['+86 138-0013-8000', '+8613800138000'],
  ['0086 138 0013 8000', '+8613800138000'],
  ['138 0013 8000', '+13800138000'],
  ['(555) 010-9999', '+5550109999'],
  ['+1 (415) 555-0101 ', '+14155550101'],
  ['010-6552-9988', '+01065529988'],
  ['1234', null],
  ['12345', '+12345'],
  ['+1234567890123456', null],
  ['no digits', null],
  ['', null],
];

describe('identity values', () => {
  it('normalises emails and phones as documented', () => {
    for (const [raw, expected] of emails) expect(normalizeEmail(raw), raw).toBe(expected);
    for (const [raw, expected] of phones) expect(normalizePhone(raw), raw).toBe(expected);
  });

  it('checks values by kind', () => {
    expect(identityValue('email', ' A@B.co ')).toEqual({ ok: true, value: 'A@B.co', normalized: 'a@b.co' });
    expect(identityValue('email', 'a@b')).toMatchObject({ ok: false });
    expect(identityValue('email', 'a b@c.de')).toMatchObject({ ok: false });
    expect(identityValue('phone', '+86 (21) 5555-0000')).toEqual({ ok: true, value: '+86 (21) 5555-0000', normalized: '+862155550000' });
    expect(identityValue('phone', '021 5555 0000 ext 12')).toMatchObject({ ok: false });
    expect(identityValue('phone', '+1')).toMatchObject({ ok: false });
    expect(identityValue('wechat', 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o')).toMatchObject({ ok: true, normalized: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' });
    expect(identityValue('wechat', 'has space')).toMatchObject({ ok: false });
    expect(identityValue('chat_visitor', 'v:9f2c-11')).toMatchObject({ ok: true });
    expect(identityValue('chat_visitor', 'x'.repeat(129))).toMatchObject({ ok: false });
  });

  describe('the SQL rules of migration 0700 agree with the TypeScript ones', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(() => database.close());

    it('on every sample', async () => {
      for (const [raw] of emails) {
        const { rows } = await sql<{ v: string | null }>`select identity_normalize_email(${raw}) as v`.execute(database.db.system);
        expect(rows[0]!.v, raw).toBe(normalizeEmail(raw));
      }
      for (const [raw] of phones) {
        const { rows } = await sql<{ v: string | null }>`select identity_normalize_phone(${raw}) as v`.execute(database.db.system);
        expect(rows[0]!.v, raw).toBe(normalizePhone(raw));
      }
    });
  });
});
