/**
 * Custom field definitions and the typed validation of their values. Values are stored on the
 * ticket keyed by the definition's `key`; null clears a value.
 *
 * Decisions (documented here, tested in custom-fields.test.ts):
 * - number accepts a JSON number or a decimal string ("12.5"), stored as a number.
 * - date is a real calendar date written yyyy-mm-dd (2024-02-30 is refused).
 * - regex values must match the whole pattern (it is anchored), with the `u` flag.
 * - multi_select stores the chosen values de-duplicated, in the options' order.
 * - inactive definitions accept no new value (clearing one with null is allowed).
 */
export const FIELD_TYPES = ['text', 'number', 'date', 'dropdown', 'multi_select', 'checkbox', 'regex'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FieldOption {
  value: string;
  label: string;
  label_zh?: string | null;
}

export interface FieldDefinition {
  id: string;
  key: string;
  type: FieldType;
  options: FieldOption[];
  pattern: string | null;
  required: boolean;
  required_on_solve: boolean;
  active: boolean;
}

export interface FieldIssue {
  path: string;
  message: string;
}

export const TEXT_MAX_LENGTH = 10_000;
export const REGEX_VALUE_MAX_LENGTH = 1_000;
export const PATTERN_MAX_LENGTH = 500;
export const FIELD_KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

export type FieldValue = string | number | boolean | string[];

const withOptions = (type: FieldType) => type === 'dropdown' || type === 'multi_select';

/** Problems with a definition (new, or the result of an edit); empty when it is acceptable. */
export function checkDefinition(definition: {
  key: string;
  type: FieldType;
  options?: FieldOption[] | null;
  pattern?: string | null;
}): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!FIELD_KEY_PATTERN.test(definition.key)) {
    issues.push({ path: 'key', message: 'must start with a-z and contain only a-z, 0-9 and _ (at most 64)' });
  }
  const options = definition.options ?? [];
  if (withOptions(definition.type)) {
    if (options.length === 0) issues.push({ path: 'options', message: `a ${definition.type} field needs options` });
    const seen = new Set<string>();
    options.forEach((option, index) => {
      if (seen.has(option.value)) issues.push({ path: `options.${index}.value`, message: 'duplicate option value' });
      seen.add(option.value);
    });
  } else if (options.length > 0) {
    issues.push({ path: 'options', message: `a ${definition.type} field has no options` });
  }
  if (definition.type === 'regex') {
    if (!definition.pattern) issues.push({ path: 'pattern', message: 'a regex field needs a pattern' });
    else {
      const problem = patternProblem(definition.pattern);
      if (problem) issues.push({ path: 'pattern', message: problem });
    }
  } else if (definition.pattern) {
    issues.push({ path: 'pattern', message: 'only regex fields have a pattern' });
  }
  return issues;
}

function patternProblem(pattern: string): string | null {
  if (pattern.length > PATTERN_MAX_LENGTH) return `is longer than ${PATTERN_MAX_LENGTH} characters`;
  try {
    anchored(pattern);
    return null;
  } catch (error) {
    return `is not a valid regular expression: ${(error as Error).message}`;
  }
}

const anchored = (pattern: string) => new RegExp(`^(?:${pattern})$`, 'u');

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DECIMAL_PATTERN = /^-?\d{1,15}(\.\d{1,15})?$/;

export function isIsoDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export type ValueResult = { ok: true; value: FieldValue } | { ok: false; message: string };

/** Checks and normalises one non-null value against its definition. */
export function validateFieldValue(definition: FieldDefinition, value: unknown): ValueResult {
  const fail = (message: string): ValueResult => ({ ok: false, message });
  switch (definition.type) {
    case 'text':
      if (typeof value !== 'string') return fail('must be a string');
      if (value.length > TEXT_MAX_LENGTH) return fail(`must be at most ${TEXT_MAX_LENGTH} characters`);
      return { ok: true, value };
    case 'number': {
      if (typeof value === 'number') return Number.isFinite(value) ? { ok: true, value } : fail('must be a finite number');
      if (typeof value === 'string' && DECIMAL_PATTERN.test(value.trim())) return { ok: true, value: Number(value.trim()) };
      return fail('must be a number');
    }
    case 'date':
      if (typeof value !== 'string' || !isIsoDate(value)) return fail('must be a date written yyyy-mm-dd');
      return { ok: true, value };
    case 'dropdown':
      if (typeof value !== 'string') return fail('must be one of the options');
      if (!definition.options.some((option) => option.value === value)) return fail(`"${short(value)}" is not one of the options`);
      return { ok: true, value };
    case 'multi_select': {
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) return fail('must be a list of option values');
      const chosen = new Set(value as string[]);
      const unknown = [...chosen].filter((item) => !definition.options.some((option) => option.value === item));
      if (unknown.length > 0) return fail(`${unknown.map((item) => `"${short(item)}"`).join(', ')} not among the options`);
      return { ok: true, value: definition.options.map((option) => option.value).filter((option) => chosen.has(option)) };
    }
    case 'checkbox':
      if (typeof value !== 'boolean') return fail('must be true or false');
      return { ok: true, value };
    case 'regex':
      if (typeof value !== 'string') return fail('must be a string');
      if (value.length > REGEX_VALUE_MAX_LENGTH) return fail(`must be at most ${REGEX_VALUE_MAX_LENGTH} characters`);
      if (!definition.pattern || !anchored(definition.pattern).test(value)) return fail('does not match the required format');
      return { ok: true, value };
  }
}

const short = (value: string) => (value.length > 40 ? `${value.slice(0, 40)}…` : value);

export type CustomFieldInput = Record<string, unknown> | Array<{ id: string; value: unknown }>;

/**
 * Applies `input` (Zendesk's `[{id, value}]` or `{key: value}`) over the current values.
 * Returns the new values and every problem, each with its path under `custom_fields`.
 */
export function applyCustomFieldInput(
  definitions: FieldDefinition[],
  current: Record<string, FieldValue>,
  input: CustomFieldInput,
): { values: Record<string, FieldValue>; issues: FieldIssue[] } {
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]));
  const byId = new Map(definitions.map((definition) => [definition.id, definition]));
  const values: Record<string, FieldValue> = { ...current };
  const issues: FieldIssue[] = [];
  const entries: Array<{ path: string; definition: FieldDefinition | undefined; value: unknown; name: string }> = Array.isArray(input)
    ? input.map((item, index) => ({ path: `custom_fields.${index}`, definition: byId.get(String(item.id)), value: item.value, name: String(item.id) }))
    : Object.entries(input).map(([key, value]) => ({ path: `custom_fields.${key}`, definition: byKey.get(key), value, name: key }));
  for (const entry of entries) {
    const { definition } = entry;
    if (!definition) {
      issues.push({ path: entry.path, message: `no custom field ${short(entry.name)}` });
      continue;
    }
    if (entry.value === null || entry.value === undefined) {
      delete values[definition.key];
      continue;
    }
    if (!definition.active) {
      issues.push({ path: entry.path, message: 'this field is no longer active' });
      continue;
    }
    const result = validateFieldValue(definition, entry.value);
    if (result.ok) values[definition.key] = result.value;
    else issues.push({ path: entry.path, message: result.message });
  }
  return { values, issues };
}

const isEmpty = (value: FieldValue | undefined) =>
  value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * The definitions that must have a value but have none. `formFieldIds` narrows the check to
 * the fields of the ticket's form; null means every active field counts.
 */
export function missingFields(
  definitions: FieldDefinition[],
  formFieldIds: string[] | null,
  values: Record<string, FieldValue>,
  which: 'required' | 'required_on_solve',
): FieldDefinition[] {
  const inForm = formFieldIds ? new Set(formFieldIds) : null;
  return definitions.filter(
    (definition) =>
      definition.active &&
      definition[which] &&
      (!inForm || inForm.has(definition.id)) &&
      // A checkbox is "filled" once it has been answered either way.
      isEmpty(values[definition.key]),
  );
}
