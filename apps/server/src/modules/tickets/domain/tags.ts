/**
 * Tags are short, case-insensitive labels. Normalised: trimmed, latin letters lower-cased (other
 * scripts unchanged, so 物流延迟 stays as it is), inner whitespace turned into "_" (a tag never
 * contains a space), and de-duplicated keeping the first occurrence's position.
 */
export const TAG_MAX_LENGTH = 80;
export const TAGS_PER_TICKET_MAX = 100;

export type TagResult = { ok: true; tag: string | null } | { ok: false; message: string };

/** One tag; `tag: null` when it is empty after trimming (ignored, not an error). */
export function normalizeTag(raw: string): TagResult {
  const tag = raw
    .normalize('NFC')
    .trim()
    .replace(/[A-Z]/g, (letter) => letter.toLowerCase())
    .replace(/\s+/gu, '_');
  if (tag === '') return { ok: true, tag: null };
  if ([...tag].length > TAG_MAX_LENGTH) return { ok: false, message: `must be at most ${TAG_MAX_LENGTH} characters` };
  if (/[,\p{Cc}]/u.test(tag)) return { ok: false, message: 'must not contain commas or control characters' };
  return { ok: true, tag };
}

/** A list of tags, normalised and de-duplicated; every invalid one is reported with its index. */
export function normalizeTags(raw: readonly string[]): { tags: string[]; issues: Array<{ index: number; message: string }> } {
  const tags: string[] = [];
  const issues: Array<{ index: number; message: string }> = [];
  raw.forEach((value, index) => {
    const result = normalizeTag(value);
    if (!result.ok) issues.push({ index, message: result.message });
    else if (result.tag !== null && !tags.includes(result.tag)) tags.push(result.tag);
  });
  if (tags.length > TAGS_PER_TICKET_MAX) issues.push({ index: TAGS_PER_TICKET_MAX, message: `at most ${TAGS_PER_TICKET_MAX} tags` });
  return { tags, issues };
}

/** Replace, add and remove in one go (PATCH's `tags`, `add_tags`, `remove_tags`). */
export function combineTags(current: readonly string[], change: { set?: string[]; add?: string[]; remove?: string[] }): string[] {
  const base = change.set ?? [...current];
  const added = [...base, ...(change.add ?? []).filter((tag) => !base.includes(tag))];
  const removed = new Set(change.remove ?? []);
  return added.filter((tag) => !removed.has(tag));
}
