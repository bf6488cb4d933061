import type { InboundStoreItem } from './inbound.repo.ts';

/** Stores messages in one statement: each one's id, or null (see storeInbound). */
export type StoreInbound = (items: InboundStoreItem[]) => Promise<Array<string | null>>;

/** The most messages one statement stores (a bound on its distinct texts), and the most bytes (one larger message goes alone). */
const MAX_GROUP = 32;
const MAX_GROUP_BYTES = 8 * 1024 * 1024;

/** The waiting messages the next statement takes: in arrival order, within both bounds, at least one. */
function nextGroupSize(waiting: ReadonlyArray<{ item: InboundStoreItem }>): number {
  let bytes = 0;
  let count = 0;
  for (const { item } of waiting.slice(0, MAX_GROUP)) {
    bytes += item.row.raw.length;
    if (count > 0 && bytes > MAX_GROUP_BYTES) break;
    count += 1;
  }
  return count;
}

/**
 * Group commit for the SMTP listener: the messages of concurrent sessions that arrive while a
 * store is running are stored together by the next, in one statement and one synchronous
 * commit, instead of a statement and a disk flush each. A lone message is stored at once (no
 * waiting for company). When a group fails, its messages are stored one by one, so one bad
 * message fails alone; each session answers its client only once its own message is durable.
 */
export function createIntakeQueue(store: StoreInbound) {
  let waiting: Array<{ item: InboundStoreItem; resolve: (id: string | null) => void; reject: (error: unknown) => void }> = [];
  let running = false;

  async function drain() {
    running = true;
    while (waiting.length > 0) {
      const group = waiting.slice(0, nextGroupSize(waiting));
      waiting = waiting.slice(group.length);
      try {
        const ids = await store(group.map((entry) => entry.item));
        group.forEach((entry, index) => entry.resolve(ids[index] ?? null));
      } catch (error) {
        if (group.length === 1) {
          group[0]!.reject(error);
          continue;
        }
        await Promise.all(group.map((entry) => store([entry.item]).then(([id]) => entry.resolve(id ?? null), entry.reject)));
      }
    }
    running = false;
  }

  return {
    /** Resolves with the stored message's id once it is committed. */
    store(item: InboundStoreItem): Promise<string | null> {
      return new Promise((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        if (!running) void drain();
      });
    },
  };
}
