import type { FormInstance } from 'antd';

/**
 * Puts server-side field problems under the matching form fields (`comment.body` goes under the
 * `comment` field when that is what the form has). Returns whether any field matched, so the
 * caller knows if a general message is still needed.
 */
export function applyFieldErrors(form: FormInstance, errors: Record<string, string[]>, fieldNames: readonly string[]): boolean {
  const fields = Object.entries(errors)
    .map(([path, messages]) => {
      const name = fieldNames.find((field) => path === field || path.startsWith(`${field}.`));
      return name ? { name, errors: messages } : null;
    })
    .filter((field): field is { name: string; errors: string[] } => field !== null);
  if (fields.length) form.setFields(fields);
  return fields.length > 0;
}
