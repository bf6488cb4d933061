import { describe, expect, it } from 'vitest';
import { chunk, planFetchSteps } from '../../../src/modules/email/imap/fetch-plan.ts';

describe('planFetchSteps', () => {
  it.each([
    { name: 'nothing', sizes: [], max: 100, steps: [] },
    { name: 'small ones share a FETCH up to the limit', sizes: [40, 40, 40, 10], max: 100, steps: [{ kind: 'source', uids: [1, 2] }, { kind: 'source', uids: [3, 4] }] },
    { name: 'exactly the limit still fits', sizes: [100], max: 100, steps: [{ kind: 'source', uids: [1] }] },
    {
      name: 'an oversized one gets its own headers step in its place',
      sizes: [10, 101, 10],
      max: 100,
      steps: [{ kind: 'source', uids: [1] }, { kind: 'headers', uid: 2 }, { kind: 'source', uids: [3] }],
    },
  ])('$name', ({ sizes, max, steps }) => {
    expect(planFetchSteps(sizes.map((size, i) => ({ uid: i + 1, size })), max)).toEqual(steps);
  });

  it('keeps UID order whatever order the server answered in', () => {
    const steps = planFetchSteps([{ uid: 9, size: 1 }, { uid: 3, size: 1 }, { uid: 5, size: 500 }], 100);
    expect(steps).toEqual([{ kind: 'source', uids: [3] }, { kind: 'headers', uid: 5 }, { kind: 'source', uids: [9] }]);
  });

  it('chunk splits into batches of at most n', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});
