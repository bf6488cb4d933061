import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

describe('where to go after sign-in', () => {
  it('follows paths on this site', () => {
    expect(safeNext('/tickets/12')).toBe('/tickets/12');
    expect(safeNext('/tickets?status=open')).toBe('/tickets?status=open');
  });

  it('refuses other sites and loops back to sign-in', () => {
    for (const value of ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '/sign-in', '/setup', '', null, undefined]) {
      expect(safeNext(value)).toBe('/tickets');
    }
  });
});
