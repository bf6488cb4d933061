/**
 * Login back-off. Failures are counted per key (the client's IP, the email typed). Below the
 * threshold nothing happens; from the threshold on, each further failure locks the key for
 * 1 s, 2 s, 4 s... doubling, capped. A quiet period resets the count.
 */
export interface BackoffPolicy {
  /** Failures allowed before the first lock. */
  threshold: number;
  baseMs: number;
  capMs: number;
  /** Failures older than this (since the last one) are forgotten. */
  resetAfterMs: number;
}

export const EMAIL_POLICY: BackoffPolicy = { threshold: 5, baseMs: 1_000, capMs: 15 * 60_000, resetAfterMs: 60 * 60_000 };
/** Looser per IP: an office behind one NAT address shares it. */
export const IP_POLICY: BackoffPolicy = { threshold: 20, baseMs: 1_000, capMs: 15 * 60_000, resetAfterMs: 60 * 60_000 };

/** How long the key is locked after its `failures`-th consecutive failure (0 below the threshold). */
export function lockDurationMs(failures: number, policy: BackoffPolicy): number {
  if (failures < policy.threshold) return 0;
  const exponent = Math.min(failures - policy.threshold, 30);
  return Math.min(policy.baseMs * 2 ** exponent, policy.capMs);
}

/** Seconds until a key locked until `lockedUntil` may try again (rounded up), or 0 when it is not locked. */
export function retryAfterSeconds(lockedUntil: Date | null | undefined, now: Date): number {
  if (!lockedUntil) return 0;
  const ms = lockedUntil.getTime() - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}
