export { formatDateTime, formatRelative, browserTimeZone, timeZones, type DisplayPreferences } from './dates';
export { FormatProvider, useFormat } from './format-context';
