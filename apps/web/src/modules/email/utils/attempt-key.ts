/** An Idempotency-Key and the request it was made for. */
export interface Attempt {
  key: string;
  fingerprint: string;
}

/**
 * The key for sending `fingerprint` (the request body, serialised): the previous key when the
 * same request is sent again (a retry after a lost answer), a fresh one when anything changed
 * (the server refuses one key reused for a different body).
 */
export function attemptFor(previous: Attempt | null, fingerprint: string, newKey: () => string): Attempt {
  if (previous && previous.fingerprint === fingerprint) return previous;
  return { key: newKey(), fingerprint };
}
