import { describe, expect, it } from 'vitest';
import { columnOfServerSort, nextServerSort } from './ticket-sort';

describe('sorting a view on the server by a column header', () => {
  it('goes ascending, descending, then back to the view’s own order', () => {
    const first = nextServerSort(null, 'priority');
    expect(first).toEqual({ by: 'priority', direction: 'asc' });
    const second = nextServerSort(first, 'priority');
    expect(second).toEqual({ by: 'priority', direction: 'desc' });
    expect(nextServerSort(second, 'priority')).toBeNull();
    expect(nextServerSort(second, 'number')).toEqual({ by: 'id', direction: 'asc' });
  });

  it('offers only the columns the server can order by', () => {
    const current = { by: 'updated_at', direction: 'desc' } as const;
    expect(nextServerSort(current, 'subject')).toBe(current);
    expect(columnOfServerSort(current)).toBe('updated');
  });
});
