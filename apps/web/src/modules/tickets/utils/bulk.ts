/**
 * Bulk actions are one PATCH per ticket, each with its own If-Match, a few at a time. A ticket
 * that changed since the list was loaded (412) is read again and the same single-field change
 * tried once more on its new version: the agent asked for exactly that field, whatever else
 * changed. Failures are collected and reported, ticket by ticket, never hidden.
 */
export interface BulkTarget {
  id: string;
  number: string;
  version: number;
}

export interface BulkFailure {
  id: string;
  number: string;
  error: unknown;
}

export interface BulkResult {
  updated: string[];
  failed: BulkFailure[];
}

export interface BulkDeps<Patch> {
  update: (id: string, version: number, patch: Patch) => Promise<unknown>;
  /** The current version, after a 412. */
  reload: (id: string) => Promise<{ version: number }>;
  isStale: (error: unknown) => boolean;
  concurrency?: number;
}

export async function runBulk<Patch>(targets: BulkTarget[], patch: Patch, deps: BulkDeps<Patch>): Promise<BulkResult> {
  const result: BulkResult = { updated: [], failed: [] };
  const queue = [...targets];
  const one = async (target: BulkTarget) => {
    try {
      try {
        await deps.update(target.id, target.version, patch);
      } catch (error) {
        if (!deps.isStale(error)) throw error;
        const fresh = await deps.reload(target.id);
        await deps.update(target.id, fresh.version, patch);
      }
      result.updated.push(target.id);
    } catch (error) {
      result.failed.push({ id: target.id, number: target.number, error });
    }
  };
  const worker = async () => {
    for (let target = queue.shift(); target; target = queue.shift()) await one(target);
  };
  await Promise.all(Array.from({ length: Math.min(deps.concurrency ?? 4, targets.length) }, worker));
  const order = new Map(targets.map((target, index) => [target.id, index]));
  result.updated.sort((a, b) => order.get(a)! - order.get(b)!);
  result.failed.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return result;
}
