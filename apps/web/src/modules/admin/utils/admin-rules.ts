/**
 * The admin forms check what the API checks, before sending: same patterns, same limits
 * (apps/server/src/modules/tickets/domain/custom-fields.ts, identity/organizations.service.ts,
 * tickets/domain/categories.ts). The server stays the authority; these give the answer sooner.
 */
import type { CategoryRow, FieldType } from '../api/admin-api';

export const FIELD_KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
export const PATTERN_MAX_LENGTH = 500;
export const CATEGORY_MAX_DEPTH = 3;
const DOMAIN_PATTERN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export const hasOptions = (type: FieldType) => type === 'dropdown' || type === 'multi_select';

export interface FieldDraft {
  key: string;
  type: FieldType;
  options?: Array<{ value?: string; label?: string; label_zh?: string | null } | undefined> | null;
  pattern?: string | null;
}

/** A problem with a draft: the form path and the i18n key of its message. */
export interface DraftIssue {
  path: (string | number)[];
  message: 'badKey' | 'needsOptions' | 'duplicateOption' | 'badPattern';
}

/** A suggested key from a title: "Order number" → order_number; Chinese-only titles give field_1. */
export function keyFromTitle(title: string, taken: readonly string[] = []): string {
  const base = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, 48);
  const stem = base || 'field';
  if (base && !taken.includes(stem)) return stem;
  for (let n = 1; ; n++) if (!taken.includes(`${stem}_${n}`)) return `${stem}_${n}`;
}

export function patternIsValid(pattern: string): boolean {
  if (!pattern || pattern.length > PATTERN_MAX_LENGTH) return false;
  try {
    new RegExp(`^(?:${pattern})$`, 'u');
    return true;
  } catch {
    return false;
  }
}

/** Every problem the API would report for this field definition. */
export function checkFieldDraft(draft: FieldDraft): DraftIssue[] {
  const issues: DraftIssue[] = [];
  if (!FIELD_KEY_PATTERN.test(draft.key ?? '')) issues.push({ path: ['key'], message: 'badKey' });
  const options = (draft.options ?? []).filter((option): option is { value?: string } => Boolean(option));
  if (hasOptions(draft.type)) {
    const values = options.map((option) => (option.value ?? '').trim()).filter(Boolean);
    if (values.length === 0) issues.push({ path: ['options'], message: 'needsOptions' });
    const seen = new Set<string>();
    values.forEach((value, index) => {
      if (seen.has(value)) issues.push({ path: ['options', index, 'value'], message: 'duplicateOption' });
      seen.add(value);
    });
  }
  if (draft.type === 'regex' && !patternIsValid(draft.pattern ?? '')) issues.push({ path: ['pattern'], message: 'badPattern' });
  return issues;
}

/** The body the API takes for a field: options only for option types, a pattern only for regex. */
export function fieldBody<T extends FieldDraft & { title: string; title_zh?: string | null }>(draft: T) {
  const options = hasOptions(draft.type)
    ? (draft.options ?? [])
        .filter((option): option is { value: string; label?: string; label_zh?: string | null } => Boolean(option?.value?.trim()))
        .map((option) => ({
          value: option.value.trim(),
          ...(option.label?.trim() ? { label: option.label.trim() } : {}),
          label_zh: option.label_zh?.trim() || null,
        }))
    : undefined;
  return {
    ...draft,
    title: draft.title.trim(),
    title_zh: draft.title_zh?.trim() || null,
    options,
    pattern: draft.type === 'regex' ? (draft.pattern ?? '').trim() : null,
  };
}

/** Domains typed one per line or separated by commas/spaces: normalised, and the ones that are not domains. */
export function parseDomains(text: string): { domains: string[]; invalid: string[] } {
  const parts = text
    .split(/[\s,，;；]+/)
    .map((part) => part.trim().toLowerCase().replace(/^@/, ''))
    .filter(Boolean);
  const domains = [...new Set(parts.filter((part) => DOMAIN_PATTERN.test(part)))];
  return { domains, invalid: parts.filter((part) => !DOMAIN_PATTERN.test(part)) };
}

/** Moves one item (drag and drop, or the arrow buttons); out-of-range moves change nothing. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || from >= list.length || to < 0 || to >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

export interface CategoryNode {
  key: string;
  row: CategoryRow;
  children: CategoryNode[];
}

/** Flat rows → the tree (siblings by position, then name); rows whose parent is missing go to the top. */
export function categoryTree(rows: readonly CategoryRow[]): CategoryNode[] {
  const nodes = new Map(rows.map((row) => [row.id, { key: row.id, row, children: [] as CategoryNode[] }]));
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.row.parent_id ? nodes.get(node.row.parent_id) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: CategoryNode[]) => {
    list.sort((a, b) => a.row.position - b.row.position || a.row.name.localeCompare(b.row.name));
    list.forEach((node) => sort(node.children));
    return list;
  };
  return sort(roots);
}

/** Categories a new child may go under (those above the last level), as "A › B" paths. */
export function parentChoices(rows: readonly CategoryRow[], label: (row: CategoryRow) => string): Array<{ value: string; label: string }> {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const path = (row: CategoryRow): string => {
    const parent = row.parent_id ? byId.get(row.parent_id) : undefined;
    return parent ? `${path(parent)} › ${label(row)}` : label(row);
  };
  return rows
    .filter((row) => row.depth < CATEGORY_MAX_DEPTH)
    .map((row) => ({ value: row.id, label: path(row) }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** The name to show in the reader's language: the Chinese one when reading Chinese and it exists. */
export function localName(row: { name?: string; title?: string; name_zh?: string | null; title_zh?: string | null }, language: string): string {
  const zh = row.name_zh ?? row.title_zh;
  const plain = row.name ?? row.title ?? '';
  return language.startsWith('zh') && zh ? zh : plain;
}
