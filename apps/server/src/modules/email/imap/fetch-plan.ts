// Pure planning of one batch: which UIDs to fetch whole (several small ones per FETCH, so a
// mailbox of short mails is not one round trip each) and which only by their headers (too large to
// take in; the caller quarantines them). Memory stays bounded by about one `maxBytes` per step.

export interface SizedUid {
  uid: number;
  size: number;
}

export type FetchStep = { kind: 'source'; uids: number[] } | { kind: 'headers'; uid: number };

/** Steps in ascending UID order, so storing them in order keeps the cursor monotonic. */
export function planFetchSteps(messages: readonly SizedUid[], maxBytes: number): FetchStep[] {
  const steps: FetchStep[] = [];
  let group: number[] = [];
  let groupBytes = 0;
  const flush = () => {
    if (group.length) steps.push({ kind: 'source', uids: group });
    group = [];
    groupBytes = 0;
  };
  for (const message of [...messages].sort((a, b) => a.uid - b.uid)) {
    if (message.size > maxBytes) {
      flush();
      steps.push({ kind: 'headers', uid: message.uid });
      continue;
    }
    if (group.length && groupBytes + message.size > maxBytes) flush();
    group.push(message.uid);
    groupBytes += message.size;
  }
  flush();
  return steps;
}

/** Splits ascending UIDs into batches of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}
