/**
 * Windows of a tenant's newest ticket documents, as tokens of the recency column of the search
 * indexes (migration 0710, search_recency): a search ANDs a window's tokens to its text, so GIN
 * returns only the matches among the newest ids instead of every match of the tenant (pure).
 *
 * search_recency(tenant, ticket) holds the token `tenant` and, for each level L of
 * INDEXED_LEVELS, `tenant:L:(ticket >> L)`: the ticket's bucket of 2^L ids. A window is the
 * newest buckets of one level, from the bucket of the newest id down: every id from its floor up.
 * Since a window holds every document above its floor, the newest `cap` matches found in it are
 * the newest of the tenant.
 */
export const INDEXED_LEVELS: readonly number[] = [12, 15, 18, 21, 24, 27];

/** The ids the first window spans (at least): a common word fills the cap from them. */
export const FIRST_WINDOW_SPAN = 32_768n;

/** At most this many buckets in one window (the tokens ORed in the query). */
const MAX_BUCKETS = 32n;

export interface RecencyWindow {
  /** The lowest id of the window (the condition `ticket_id >= floor` is the same set). */
  floor: bigint;
  /** How many ids the window spans (from the floor to the newest id). */
  span: bigint;
  /** tsquery text matching the window's documents in search_recency(). */
  query: string;
}

const token = (value: string) => `'${value}'`;

/** The tsquery of every document of the tenant (its token in search_recency()). */
export const tenantRecencyQuery = (tenantId: string) => token(tenantId);

/**
 * The smallest window spanning at least `need` ids below the tenant's newest document, in
 * buckets of the largest level at most half of `need` (2 to 17 buckets), or null when it is not
 * worth it: when it would hold the oldest document or more than half of the tenant's range of ids
 * (searching the whole tenant then costs at most twice as much).
 */
export function recencyWindow(tenantId: string, bounds: { oldest: bigint; newest: bigint }, need: bigint): RecencyWindow | null {
  if (!/^\d+$/.test(tenantId)) throw new Error(`recencyWindow: tenant id ${tenantId} is not a number`);
  let level = INDEXED_LEVELS[0]!;
  for (const candidate of INDEXED_LEVELS) if ((1n << BigInt(candidate)) * 2n <= need) level = candidate;
  const shift = BigInt(level);
  const newestBucket = bounds.newest >> shift;
  const firstBucket = (bounds.newest - need) >> shift;
  const floor = firstBucket << shift;
  const span = bounds.newest - floor;
  if (floor <= bounds.oldest || span * 2n > bounds.newest - bounds.oldest || newestBucket - firstBucket + 1n > MAX_BUCKETS) return null;
  const tokens: string[] = [];
  for (let bucket = newestBucket; bucket >= firstBucket; bucket--) tokens.push(token(`${tenantId}:${level}:${bucket}`));
  return { floor, span, query: tokens.join(' | ') };
}

/**
 * How many ids the next window should span after one of `span` ids held `found` (< cap) matches:
 * enough for the cap at the density seen, with a quarter more for the unevenness of real data,
 * and at least twice the last (so a run of near misses stays short). Null when nothing was found:
 * the word is too rare for windows, the whole tenant is searched.
 */
export function nextSpan(tried: { span: bigint; found: number }, cap: number): bigint | null {
  if (tried.found <= 0) return null;
  const dense = (tried.span * BigInt(cap) * 5n) / (BigInt(tried.found) * 4n) + 1n;
  return dense > tried.span * 2n ? dense : tried.span * 2n;
}
