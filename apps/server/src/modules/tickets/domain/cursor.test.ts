import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.ts';

describe('cursors', () => {
  it('round-trips', () => {
    expect(decodeCursor(encodeCursor({ id: '42' }), false)).toEqual({ id: '42' });
    const at = '2026-01-01T00:00:00.123456Z';
    expect(decodeCursor(encodeCursor({ id: '7', at }), true)).toEqual({ id: '7', at });
  });
  it.each([
    ['garbage', 'not-base64-json', false],
    ['a non-numeric id', encodeCursor({ id: 'x' }), false],
    ['an id too large for bigint', encodeCursor({ id: '9'.repeat(19) }), false],
    ['a time cursor without time', encodeCursor({ id: '1' }), true],
    ['a time cursor with a bad time', Buffer.from(JSON.stringify({ id: '1', at: 'yesterday' })).toString('base64url'), true],
    ['a time PostgreSQL might read otherwise', Buffer.from(JSON.stringify({ id: '1', at: 'Tue Mar 01 2026' })).toString('base64url'), true],
    ['JSON that is not an object', Buffer.from('[1]').toString('base64url'), false],
  ])('refuses %s', (_name, raw, withTime) => {
    expect(decodeCursor(raw, withTime)).toBeNull();
  });
});
