import { describe, expect, it } from 'vitest';
import { formatDateTime, formatRelative, timeZones } from './dates';

const instant = '2026-03-05T06:07:00Z';

describe('dates in the viewer’s language and zone', () => {
  it('shows the same instant in the viewer’s time zone', () => {
    expect(formatDateTime(instant, { locale: 'en', timeZone: 'Asia/Shanghai' })).toBe('Mar 5, 2026, 14:07');
    expect(formatDateTime(instant, { locale: 'en', timeZone: 'UTC' })).toBe('Mar 5, 2026, 06:07');
    expect(formatDateTime(instant, { locale: 'zh-CN', timeZone: 'Asia/Shanghai' })).toBe('2026年3月5日 14:07');
  });

  it('does not break on an unknown zone or a bad value', () => {
    expect(formatDateTime(instant, { locale: 'en', timeZone: 'Mars/Olympus' })).toMatch(/2026/);
    expect(formatDateTime('not a date', { locale: 'en' })).toBe('');
    expect(formatDateTime(null, { locale: 'en' })).toBe('');
  });

  it('says recent times relatively, older ones as a date', () => {
    const now = Date.parse(instant);
    const prefs = { locale: 'en', timeZone: 'UTC' };
    expect(formatRelative(new Date(now - 10_000), prefs, now)).toBe('now');
    expect(formatRelative(new Date(now - 5 * 60_000), prefs, now)).toBe('5 minutes ago');
    expect(formatRelative(new Date(now - 3 * 3600_000), prefs, now)).toBe('3 hours ago');
    expect(formatRelative(new Date(now - 86400_000), prefs, now)).toBe('yesterday');
    expect(formatRelative(new Date(now - 30 * 86400_000), prefs, now)).toBe('Feb 3, 2026, 06:07');
    expect(formatRelative(new Date(now - 5 * 60_000), { locale: 'zh-CN' }, now)).toBe('5分钟前');
  });

  it('offers every zone, with the browser’s included', () => {
    const zones = timeZones('Asia/Shanghai');
    expect(zones).toContain('UTC');
    expect(zones).toContain('Asia/Shanghai');
    expect(timeZones('Etc/Custom')[0]).toBe('Etc/Custom');
  });
});
