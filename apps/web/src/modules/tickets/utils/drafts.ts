/**
 * The Idempotency-Key for sending a draft: the same key while the same text is retried (a lost
 * answer is not posted twice), a new one as soon as the text or its visibility changes.
 */
export interface DraftAttempt {
  key: string;
  body: string;
  isPublic: boolean;
}

export function keyForAttempt(
  previous: DraftAttempt | null,
  body: string,
  isPublic: boolean,
  newKey: () => string,
): DraftAttempt {
  if (previous && previous.body === body && previous.isPublic === isPublic) return previous;
  return { key: newKey(), body, isPublic };
}
