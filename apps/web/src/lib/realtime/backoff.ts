export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  /** A number in [0, 1); injected so tests need no randomness. */
  random?: () => number;
}

/**
 * How long to wait before reconnect attempt `attempt` (0 for the first): exponential, capped,
 * with jitter in the upper half so a restarted server is not hit by every tab at once.
 */
export function reconnectDelay(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 1000;
  const max = options.maxMs ?? 30_000;
  const random = options.random ?? Math.random;
  const ceiling = Math.min(max, base * 2 ** Math.max(0, Math.min(attempt, 20)));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
