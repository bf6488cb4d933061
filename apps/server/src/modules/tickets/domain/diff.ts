/**
 * Field changes as `{field: [before, after]}`, the shape of every ticket_events.changes.
 * Arrays listed as sets (ids of CCs, followers, tags) compare regardless of order; custom fields
 * are diffed per key as `custom_fields.<key>`.
 */
export type Changes = Record<string, [unknown, unknown]>;

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keysA = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
    const keysB = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
    return keysA.length === keysB.length && keysA.every((key) => deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
  }
  return false;
}

const sortedCopy = (value: unknown) => (Array.isArray(value) ? [...value].sort() : value);
const normal = (value: unknown) => (value === undefined ? null : value instanceof Date ? value.toISOString() : value);

export function diffFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  options: { fields: readonly string[]; setFields?: readonly string[]; mapFields?: readonly string[] },
): Changes {
  const changes: Changes = {};
  const sets = new Set(options.setFields ?? []);
  for (const field of options.fields) {
    if (!(field in after)) continue;
    const [old, next] = [normal(before[field]), normal(after[field])];
    const equal = sets.has(field) ? deepEqual(sortedCopy(old), sortedCopy(next)) : deepEqual(old, next);
    if (!equal) changes[field] = [old, next];
  }
  for (const field of options.mapFields ?? []) {
    if (!(field in after)) continue;
    const oldMap = (before[field] ?? {}) as Record<string, unknown>;
    const newMap = (after[field] ?? {}) as Record<string, unknown>;
    for (const key of [...new Set([...Object.keys(oldMap), ...Object.keys(newMap)])].sort()) {
      const [old, next] = [normal(oldMap[key]), normal(newMap[key])];
      if (!deepEqual(old, next)) changes[`${field}.${key}`] = [old, next];
    }
  }
  return changes;
}

/** The `changes` of a creation: every field that has a value, as [null, value]. */
export function creationChanges(fields: Record<string, unknown>): Changes {
  const changes: Changes = {};
  for (const [field, value] of Object.entries(fields)) {
    const next = normal(value);
    if (next === null || (Array.isArray(next) && next.length === 0)) continue;
    if (next && typeof next === 'object' && !Array.isArray(next)) {
      for (const [key, inner] of Object.entries(next as Record<string, unknown>)) changes[`${field}.${key}`] = [null, normal(inner)];
      continue;
    }
    changes[field] = [null, next];
  }
  return changes;
}
