/**
 * What the mailbox form checks before sending: the same limits and patterns as the API's
 * contract (packages/contracts/src/email.ts) and service (MAILBOX_IMAP_INCOMPLETE). The server
 * stays the authority; these give the answer sooner, next to the field.
 */
export const LIMITS = {
  address: 254,
  name: 200,
  host: 253,
  user: 320,
  password: 1000,
  folder: 200,
  signature: 5000,
  domain: 253,
  domains: 200,
  port: { min: 1, max: 65_535 },
  pollSeconds: { min: 30, max: 86_400 },
  autoAckPerSenderHour: { min: 0, max: 100 },
  sendLimitPerMinute: { min: 1, max: 10_000 },
  /** The API's bytes (1 KB to 150 MB) as the form's megabytes, to two decimals. */
  maxMessageMb: { min: 0.01, max: 150 },
} as const;

const HOST_PATTERN = /^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/;
const DOMAIN_PATTERN = /^[a-z0-9.-]+$/;

export function isHost(value: string): boolean {
  const host = value.trim();
  return host.length > 0 && host.length <= LIMITS.host && HOST_PATTERN.test(host);
}

/** "@Example.COM " → "example.com": how the API stores a sender domain. */
export function normaliseDomain(value: string): string {
  return value.trim().toLowerCase().replace(/^@+/, '');
}

export function isDomain(value: string): boolean {
  const domain = normaliseDomain(value);
  return domain.length > 0 && domain.length <= LIMITS.domain && DOMAIN_PATTERN.test(domain);
}

/** Domains typed into the tags input: normalised, without repeats or empties, in the order typed. */
export function cleanDomains(values: readonly string[] | undefined): string[] {
  return [...new Set((values ?? []).map(normaliseDomain).filter(Boolean))];
}

/** A whole number within [min, max] (InputNumber gives null when empty). */
export function inRange(value: unknown, range: { min: number; max: number }, whole = true): boolean {
  return typeof value === 'number' && Number.isFinite(value) && (!whole || Number.isInteger(value)) && value >= range.min && value <= range.max;
}
