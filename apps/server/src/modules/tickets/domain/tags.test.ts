import { describe, expect, it } from 'vitest';
import { combineTags, normalizeTag, normalizeTags, TAG_MAX_LENGTH, TAGS_PER_TICKET_MAX } from './tags.ts';

describe('normalizeTag', () => {
  it.each([
    ['VIP', 'vip'],
    ['  refund  ', 'refund'],
    ['Late Delivery', 'late_delivery'],
    ['a \t b\nc', 'a_b_c'],
    ['物流延迟', '物流延迟'],
    ['Ärger', 'Ärger'],
    ['order-123', 'order-123'],
    ['', null],
    ['   ', null],
  ] as Array<[string, string | null]>)('%j -> %j', (raw, tag) => {
    expect(normalizeTag(raw)).toEqual({ ok: true, tag });
  });

  it.each([
    ['x'.repeat(TAG_MAX_LENGTH + 1), 'at most'],
    ['a,b', 'commas'],
    ['bell\u0007', 'control'],
  ])('refuses %j', (raw, message) => {
    const result = normalizeTag(raw);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(message);
  });

  it('counts characters, not bytes, for the length limit', () => {
    expect(normalizeTag('物'.repeat(TAG_MAX_LENGTH))).toMatchObject({ ok: true });
  });
});

describe('normalizeTags', () => {
  it('normalises, drops empties, de-duplicates keeping the first position', () => {
    expect(normalizeTags(['VIP', 'refund', 'vip', ' ', 'Refund', 'new one'])).toEqual({ tags: ['vip', 'refund', 'new_one'], issues: [] });
  });
  it('reports each invalid tag with its index', () => {
    expect(normalizeTags(['ok', 'a,b', 'fine']).issues).toEqual([{ index: 1, message: expect.any(String) }]);
  });
  it('caps the number of tags', () => {
    const many = Array.from({ length: TAGS_PER_TICKET_MAX + 1 }, (_, index) => `t${index}`);
    expect(normalizeTags(many).issues).toHaveLength(1);
  });
});

describe('combineTags', () => {
  it.each([
    [['a', 'b'], {}, ['a', 'b']],
    [['a', 'b'], { set: ['c'] }, ['c']],
    [['a'], { add: ['b', 'a'] }, ['a', 'b']],
    [['a', 'b'], { remove: ['a'] }, ['b']],
    [['a'], { set: ['x', 'y'], add: ['z'], remove: ['x'] }, ['y', 'z']],
  ] as Array<[string[], Parameters<typeof combineTags>[1], string[]]>)('%j with %j -> %j', (current, change, expected) => {
    expect(combineTags(current, change)).toEqual(expected);
  });
});
