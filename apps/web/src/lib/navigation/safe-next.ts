/** Where to go after sign-in: only a path on this site (no open redirect), else the tickets. */
export function safeNext(value: string | null | undefined, fallback = '/tickets'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (value.startsWith('/sign-in') || value.startsWith('/setup')) return fallback;
  return value;
}
