import type { Ticket } from '@switchboard/contracts';

/**
 * The stale-save view: when a save answers 412, the agent sees, field by field, what the ticket
 * was when they started (base), what it is now (theirs) and what they wanted (mine), and can
 * re-apply their changes on the new version or discard them. Never a silent overwrite.
 */

/** The fields an agent edits, flat: custom fields as `custom_fields.<key>`. */
export type Snapshot = Record<string, unknown>;

export const EDITABLE_FIELDS = ['subject', 'status_id', 'priority', 'type', 'category_id', 'group_id', 'assignee_id', 'tags', 'form_id'] as const;

export function snapshotOf(ticket: Pick<Ticket, (typeof EDITABLE_FIELDS)[number] | 'custom_fields'>): Snapshot {
  const snapshot: Snapshot = {};
  for (const field of EDITABLE_FIELDS) snapshot[field] = ticket[field] ?? null;
  for (const [key, value] of Object.entries(ticket.custom_fields ?? {})) snapshot[`custom_fields.${key}`] = value ?? null;
  return snapshot;
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** Equal as the server compares: tags as sets, empty values alike. */
export function sameValue(field: string, a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    const [x, y] = field === 'tags' ? [[...a].sort(), [...b].sort()] : [a, b];
    return x.length === y.length && x.every((item, index) => item === y[index]);
  }
  return a === b;
}

export type ConflictKind = 'clash' | 'theirs' | 'mine' | 'same';

export interface FieldConflict {
  field: string;
  base: unknown;
  theirs: unknown;
  mine: unknown;
  /** clash: both changed it differently; theirs / mine: only one side did; same: both to the same value. */
  kind: ConflictKind;
}

export interface ConflictMerge {
  rows: FieldConflict[];
  /** What re-applying sends: my changes that the current version does not already have. */
  patch: Snapshot;
  clashes: number;
}

/**
 * `base`: the ticket when the agent started editing; `mine`: the fields they changed (only
 * those); `theirs`: the ticket now. Rows come in a stable order: clashes first, then the rest by
 * field name.
 */
export function mergeConflict(base: Snapshot, mine: Snapshot, theirs: Snapshot): ConflictMerge {
  const fields = new Set([...Object.keys(mine), ...Object.keys(base), ...Object.keys(theirs)]);
  const rows: FieldConflict[] = [];
  const patch: Snapshot = {};
  for (const field of fields) {
    const mineChanged = field in mine && !sameValue(field, mine[field], base[field]);
    const theirsChanged = !sameValue(field, theirs[field], base[field]);
    if (!mineChanged && !theirsChanged) continue;
    const mineValue = mineChanged ? mine[field] : base[field];
    let kind: ConflictKind;
    if (mineChanged && theirsChanged) kind = sameValue(field, mine[field], theirs[field]) ? 'same' : 'clash';
    else kind = mineChanged ? 'mine' : 'theirs';
    rows.push({ field, base: base[field] ?? null, theirs: theirs[field] ?? null, mine: mineValue ?? null, kind });
    if (mineChanged && kind !== 'same') patch[field] = mine[field];
  }
  const order: Record<ConflictKind, number> = { clash: 0, mine: 1, theirs: 2, same: 3 };
  rows.sort((a, b) => order[a.kind] - order[b.kind] || a.field.localeCompare(b.field));
  return { rows, patch, clashes: rows.filter((row) => row.kind === 'clash').length };
}

/** A flat snapshot of changes as a PATCH body: `custom_fields.x` gathered under custom_fields. */
export function toUpdateBody(changes: Snapshot): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes)) {
    if (field.startsWith('custom_fields.')) custom[field.slice('custom_fields.'.length)] = isEmpty(value) ? null : value;
    else body[field] = value;
  }
  if (Object.keys(custom).length > 0) body.custom_fields = custom;
  return body;
}

/** The fields of `draft` that differ from `base`: what the agent changed. */
export function changedFields(base: Snapshot, draft: Snapshot): Snapshot {
  const changes: Snapshot = {};
  for (const [field, value] of Object.entries(draft)) if (!sameValue(field, value, base[field])) changes[field] = value;
  return changes;
}
