export interface DisplayPreferences {
  /** A BCP 47 tag (`zh-CN`, `en`). */
  locale: string;
  /** An IANA zone (`Asia/Shanghai`); undefined means the browser's. */
  timeZone?: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(prefs: DisplayPreferences, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${prefs.locale}|${prefs.timeZone ?? ''}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(prefs.locale, { ...options, timeZone: prefs.timeZone });
    } catch {
      // An unknown zone from the server must not blank the page: fall back to the browser's.
      format = new Intl.DateTimeFormat(prefs.locale, options);
    }
    formatters.set(key, format);
  }
  return format;
}

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

/** One formatter per locale: building one costs more than formatting a whole list of times. */
function relativeTimeFormat(locale: string): Intl.RelativeTimeFormat {
  let format = relativeFormats.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormats.set(locale, format);
  }
  return format;
}

function toDate(value: string | Date | null | undefined): Date | null {
  if (!value) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "Mar 5, 2026, 14:07" / "2026年3月5日 14:07", in the viewer's zone. */
export function formatDateTime(value: string | Date | null | undefined, prefs: DisplayPreferences): string {
  const date = toDate(value);
  if (!date) return '';
  return dateTimeFormat(prefs, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(date);
}

/** "5 minutes ago" / "5分钟前" for recent times; the date and time past a week. */
export function formatRelative(
  value: string | Date | null | undefined,
  prefs: DisplayPreferences,
  now: number = Date.now(),
): string {
  const date = toDate(value);
  if (!date) return '';
  const seconds = Math.round((date.getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  const relative = relativeTimeFormat(prefs.locale);
  if (abs < 45) return relative.format(0, 'second');
  if (abs < 45 * 60) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 22 * 3600) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86400) return relative.format(Math.round(seconds / 86400), 'day');
  return formatDateTime(date, prefs);
}

/** The browser's IANA zone, the default for a new account. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Every IANA zone the browser knows, with the given one first if it is missing. */
export function timeZones(include?: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = ['UTC', 'Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'America/New_York'];
  }
  if (!zones.includes('UTC')) zones = ['UTC', ...zones];
  if (include && !zones.includes(include)) zones = [include, ...zones];
  return zones;
}
