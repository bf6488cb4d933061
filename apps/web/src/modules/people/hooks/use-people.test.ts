import { describe, expect, it } from 'vitest';
import { batches, peopleKeys } from './use-people';

describe('people batches', () => {
  it('splits ids into server-sized batches', () => {
    const ids = Array.from({ length: 230 }, (_, i) => String(i));
    expect(batches(ids).map((batch) => batch.length)).toEqual([100, 100, 30]);
    expect(batches([])).toEqual([]);
  });

  it('keys a batch by its sorted ids and each person on their own key', () => {
    expect(peopleKeys.batch(['1', '2'])).toEqual(['people', 'batch', '1,2']);
    expect(peopleKeys.person('7')).toEqual(['people', '7']);
  });
});
