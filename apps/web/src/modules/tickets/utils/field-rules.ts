/**
 * Custom field values checked as the server checks them (apps/server/src/modules/tickets/
 * domain/custom-fields.ts), so the agent hears about a problem before saving. The server stays
 * the judge: its answer's field errors are shown too.
 */
export interface FieldDefinition {
  id: string;
  key: string;
  title: string;
  title_zh: string | null;
  type: 'text' | 'number' | 'date' | 'dropdown' | 'multi_select' | 'checkbox' | 'regex';
  options: Array<{ value: string; label: string; label_zh?: string | null }>;
  pattern: string | null;
  required: boolean;
  required_on_solve: boolean;
  active: boolean;
  position: number;
}

export type FieldProblem =
  | { key: 'required' | 'requiredOnSolve' | 'invalidNumber' | 'invalidDate' | 'invalidOption' | 'invalidFormat' }
  | { key: 'tooLong'; max: number };

export const TEXT_MAX_LENGTH = 10_000;
export const REGEX_VALUE_MAX_LENGTH = 1_000;
const DECIMAL = /^-?\d{1,15}(\.\d{1,15})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * The problem with one value, or null. `solving`: the ticket is being saved as solved, when
 * required-on-solve fields must be filled. Required-on-create is the server's business for
 * customers; agents see `required` fields as required too, as a gentle rule.
 */
export function checkFieldValue(definition: FieldDefinition, value: unknown, solving: boolean): FieldProblem | null {
  if (isEmpty(value)) {
    if (!definition.active) return null;
    if (solving && definition.required_on_solve) return { key: 'requiredOnSolve' };
    if (definition.required) return { key: 'required' };
    return null;
  }
  switch (definition.type) {
    case 'text':
      return typeof value === 'string' && value.length <= TEXT_MAX_LENGTH ? null : { key: 'tooLong', max: TEXT_MAX_LENGTH };
    case 'number':
      if (typeof value === 'number') return Number.isFinite(value) ? null : { key: 'invalidNumber' };
      return typeof value === 'string' && DECIMAL.test(value.trim()) ? null : { key: 'invalidNumber' };
    case 'date':
      return typeof value === 'string' && isIsoDate(value) ? null : { key: 'invalidDate' };
    case 'dropdown':
      return typeof value === 'string' && definition.options.some((option) => option.value === value) ? null : { key: 'invalidOption' };
    case 'multi_select':
      return Array.isArray(value) && value.every((item) => definition.options.some((option) => option.value === item))
        ? null
        : { key: 'invalidOption' };
    case 'checkbox':
      return typeof value === 'boolean' ? null : { key: 'invalidOption' };
    case 'regex': {
      if (typeof value !== 'string') return { key: 'invalidFormat' };
      if (value.length > REGEX_VALUE_MAX_LENGTH) return { key: 'tooLong', max: REGEX_VALUE_MAX_LENGTH };
      try {
        return definition.pattern && new RegExp(`^(?:${definition.pattern})$`, 'u').test(value) ? null : { key: 'invalidFormat' };
      } catch {
        // A pattern this browser cannot read: leave the verdict to the server.
        return null;
      }
    }
  }
}

/** The fields of a ticket's form (every active field when it has no form), in order. */
export function fieldsOfForm(definitions: FieldDefinition[], form: { field_ids: string[] } | null | undefined): FieldDefinition[] {
  const active = definitions.filter((definition) => definition.active);
  if (!form) return active.sort((a, b) => a.position - b.position);
  const byId = new Map(active.map((definition) => [definition.id, definition]));
  return form.field_ids.map((id) => byId.get(id)).filter((definition): definition is FieldDefinition => Boolean(definition));
}

/** The option's label in the viewer's language. */
export function optionLabel(definition: FieldDefinition, value: string, language: string): string {
  const option = definition.options.find((candidate) => candidate.value === value);
  if (!option) return value;
  return (language === 'zh-CN' && option.label_zh) || option.label || option.value;
}

export const fieldTitle = (definition: Pick<FieldDefinition, 'title' | 'title_zh'>, language: string) =>
  (language === 'zh-CN' && definition.title_zh) || definition.title;
