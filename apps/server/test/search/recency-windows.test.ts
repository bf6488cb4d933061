import { describe, expect, it } from 'vitest';
import { FIRST_WINDOW_SPAN, INDEXED_LEVELS, nextSpan, recencyWindow, tenantRecencyQuery } from '../../src/modules/search/domain/recency-windows.ts';
import { relaxPhrases } from '../../src/modules/search/domain/relax-phrases.ts';

/** The buckets a window's query names, as [level, bucket]. */
const buckets = (query: string) =>
  query.split(' | ').map((token) => {
    const [, level, bucket] = /^'\d+:(\d+):(\d+)'$/.exec(token)!;
    return [Number(level), BigInt(bucket!)] as const;
  });

describe('recency windows', () => {
  const tenant = { oldest: 1n, newest: 1_000_000n };

  it('the first window: the newest 32k ids in buckets of 4096', () => {
    const window = recencyWindow('7', tenant, FIRST_WINDOW_SPAN)!;
    expect(window).toEqual({
      floor: 236n << 12n,
      span: 1_000_000n - (236n << 12n),
      query: "'7:12:244' | '7:12:243' | '7:12:242' | '7:12:241' | '7:12:240' | '7:12:239' | '7:12:238' | '7:12:237' | '7:12:236'",
    });
    expect(window.span).toBeGreaterThanOrEqual(FIRST_WINDOW_SPAN);
  });

  it('a larger need takes a larger level, never more than 17 buckets below the top level', () => {
    expect(buckets(recencyWindow('7', tenant, 150_000n)!.query)).toEqual([30n, 29n, 28n, 27n, 26n, 25n].map((b) => [15, b]));
    for (let need = 100n; need < 500_000n; need = (need * 9n) / 7n) {
      const window = recencyWindow('7', tenant, need);
      if (window) expect(buckets(window.query).length, String(need)).toBeLessThanOrEqual(17);
    }
  });

  it('holds exactly the ids from its floor to the newest, for any newest id and need', () => {
    let seed = 42;
    const random = (below: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % below;
    };
    for (let i = 0; i < 300; i++) {
      const bounds = { oldest: BigInt(random(1000)), newest: BigInt(50_000 + random(5_000_000)) };
      const need = BigInt(1 + random(Number(bounds.newest)));
      const window = recencyWindow('3', bounds, need);
      if (!window) continue;
      expect(window.span).toBeGreaterThanOrEqual(need);
      expect(window.floor).toBeGreaterThan(bounds.oldest);
      const named = buckets(window.query);
      const level = BigInt(named[0]![0]);
      const covered = (id: bigint) => named.some(([, bucket]) => id >> level === bucket);
      for (const id of [window.floor, window.floor + 1n, bounds.newest, (window.floor + bounds.newest) / 2n]) expect(covered(id), `${id}`).toBe(true);
      expect(covered(window.floor - 1n)).toBe(false);
      expect(INDEXED_LEVELS).toContain(Number(level));
    }
  });

  it('no window where the whole tenant costs at most twice as much, or holds the oldest document', () => {
    expect(recencyWindow('7', tenant, 600_000n)).toBeNull();
    expect(recencyWindow('7', { oldest: 990_000n, newest: 1_000_000n }, FIRST_WINDOW_SPAN)).toBeNull();
    expect(recencyWindow('7', { oldest: 1n, newest: 20_000n }, FIRST_WINDOW_SPAN)).toBeNull();
  });

  it('the next window fits the density seen, at least doubles, and a word never seen searches the tenant', () => {
    expect(nextSpan({ span: 33_344n, found: 82 }, 300)).toBe((33_344n * 300n * 5n) / (82n * 4n) + 1n);
    expect(nextSpan({ span: 33_344n, found: 290 }, 300)).toBe(66_688n);
    expect(nextSpan({ span: 33_344n, found: 0 }, 300)).toBeNull();
  });

  it('the tenant token, and only digits for a tenant', () => {
    expect(tenantRecencyQuery('7')).toBe("'7'");
    expect(() => recencyWindow("7' | '8", tenant, FIRST_WINDOW_SPAN)).toThrow();
  });
});

describe('relaxed phrases', () => {
  it('a phrase becomes its words ANDed, whatever the distance', () => {
    expect(relaxPhrases("'申请' <-> '请退' <-> '退款'")).toBe("'申请' & '请退' & '退款'");
    expect(relaxPhrases("'refund' <2> 'receiv' & '发票'")).toBe("'refund' & 'receiv' & '发票'");
    expect(relaxPhrases("( 'a' | 'b' ) <-> 'c' | 'd'")).toBe("( 'a' | 'b' ) & 'c' | 'd'");
    expect(relaxPhrases("'it''s' <-> 'ok'")).toBe("'it''s' & 'ok'");
  });

  it('nothing to relax without a phrase, and never under a negation', () => {
    expect(relaxPhrases("'物流' & '延迟'")).toBeNull();
    expect(relaxPhrases("'x<->y' & 'z'")).toBeNull();
    expect(relaxPhrases("'退款' <-> '申请' & !'订单'")).toBeNull();
    expect(relaxPhrases("!( 'a' <-> 'b' ) & 'c'")).toBeNull();
  });
});
