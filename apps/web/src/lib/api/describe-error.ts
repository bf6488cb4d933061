import { ApiError, type FieldProblem } from './api-error';

/** The small part of i18next this needs, so it can be tested with a real instance or a stub. */
export interface Translator {
  t: (key: string, options?: Record<string, unknown>) => string;
  exists: (key: string) => boolean;
  language: string;
}

/** "in 45 seconds" / "45秒钟后": how long to wait, in the reader's language. */
export function formatWait(seconds: number, language: string): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'always' });
  if (seconds < 90) return format.format(Math.max(1, Math.round(seconds)), 'second');
  if (seconds < 90 * 60) return format.format(Math.round(seconds / 60), 'minute');
  return format.format(Math.round(seconds / 3600), 'hour');
}

/**
 * The sentence a person reads for an error: the translation of its code when we have one,
 * else the server's own `detail`, else a generic line. Never a stack or a status number.
 */
export function describeError(error: unknown, i18n: Translator): string {
  if (!(error instanceof ApiError)) return i18n.t('errors.UNKNOWN');
  // RATE_LIMITED from the platform, LOGIN_RATE_LIMITED from sign-in: say how long to wait.
  if (/(^|_)RATE_LIMITED$/.test(error.code) && error.retryAfterSeconds !== undefined) {
    return i18n.t('errors.RATE_LIMITED_WAIT', { when: formatWait(error.retryAfterSeconds, i18n.language) });
  }
  const key = `errors.${error.code}`;
  if (i18n.exists(key)) return i18n.t(key, interpolationValues(error));
  if (error.detail) return error.detail;
  return i18n.t('errors.UNKNOWN');
}

// i18next reads these option names itself; a problem member with one of them must not steer it.
const reservedOptions = new Set(['count', 'context', 'lng', 'lngs', 'ns', 'defaultValue', 'returnObjects', 'keySeparator', 'nsSeparator', 'replace', 'interpolation', 'ordinal', 'postProcess']);

/** The problem's plain members (strings, numbers), usable as {{placeholders}} in a translation. */
function interpolationValues(error: ApiError): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(error.problem ?? {})) {
    if (reservedOptions.has(name)) continue;
    if (typeof value === 'string' || typeof value === 'number') values[name] = value;
  }
  values.detail = error.detail ?? '';
  return values;
}

/** `body.email` → `email`; `body.comment.body` → `comment.body`. */
export function fieldName(path: string): string {
  return path.replace(/^(body|querystring|params|headers)\.?/, '');
}

/** Field problems keyed by form field name, each translated by its code when we know it. */
export function fieldErrors(error: unknown, i18n: Translator): Record<string, string[]> {
  if (!(error instanceof ApiError)) return {};
  const result: Record<string, string[]> = {};
  for (const problem of error.errors) {
    const name = fieldName(problem.path);
    if (!name) continue;
    (result[name] ??= []).push(describeField(problem, i18n));
  }
  return result;
}

function describeField(problem: FieldProblem, i18n: Translator): string {
  const key = problem.code ? `fieldErrors.${problem.code}` : '';
  if (key && i18n.exists(key)) return i18n.t(key);
  return problem.message;
}
