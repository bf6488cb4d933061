import { describe, expect, it } from 'vitest';
import { viewKeys } from '../hooks/view-keys';
import { viewCountsQuery, viewRefOf, viewsQuery, viewTicketsQuery } from '../hooks/use-views';
import { isFallbackViewId } from './fallback-views';

describe('a view known by the id in the address', () => {
  it('is a built-in view when the id is one of theirs, a server view otherwise', () => {
    expect(isFallbackViewId('unassigned')).toBe(true);
    expect(isFallbackViewId('12')).toBe(false);
    expect(viewRefOf('my_open')).toEqual({ id: 'my_open', fallback: true });
    expect(viewRefOf('3')).toEqual({ id: '3', fallback: false });
  });

  it('reads its tickets under the same key as the view from the list of views (prefetch and page share it)', () => {
    expect(viewTicketsQuery(viewRefOf('3')).queryKey).toEqual(viewKeys.tickets('3'));
    expect(viewTicketsQuery({ id: '3', fallback: false }).queryKey).toEqual(viewTicketsQuery(viewRefOf('3')).queryKey);
    expect(viewsQuery().queryKey).toEqual(viewKeys.list());
    expect(viewCountsQuery().queryKey).toEqual(viewKeys.counts());
  });
});
