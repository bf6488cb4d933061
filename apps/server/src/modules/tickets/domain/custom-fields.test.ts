import { describe, expect, it } from 'vitest';
import {
  applyCustomFieldInput, checkDefinition, isIsoDate, missingFields, validateFieldValue, type FieldDefinition, type FieldType,
} from './custom-fields.ts';

const def = (type: FieldType, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  id: '1',
  key: 'field',
  type,
  options: [],
  pattern: null,
  required: false,
  required_on_solve: false,
  active: true,
  ...extra,
});
const colours = [{ value: 'red', label: 'Red' }, { value: 'green', label: 'Green' }, { value: 'blue', label: 'Blue' }];

describe('validateFieldValue', () => {
  const accepted: Array<[string, FieldDefinition, unknown, unknown]> = [
    ['text', def('text'), 'hello', 'hello'],
    ['text (empty)', def('text'), '', ''],
    ['number', def('number'), 12.5, 12.5],
    ['number (negative int)', def('number'), -3, -3],
    ['number as a decimal string', def('number'), ' 42.10 ', 42.1],
    ['date', def('date'), '2024-02-29', '2024-02-29'],
    ['dropdown', def('dropdown', { options: colours }), 'green', 'green'],
    ['multi_select (ordered like the options, de-duplicated)', def('multi_select', { options: colours }), ['blue', 'red', 'blue'], ['red', 'blue']],
    ['multi_select (empty)', def('multi_select', { options: colours }), [], []],
    ['checkbox true', def('checkbox'), true, true],
    ['checkbox false', def('checkbox'), false, false],
    ['regex', def('regex', { pattern: '[A-Z]{2}\\d{4}' }), 'SF1234', 'SF1234'],
    ['regex with unicode', def('regex', { pattern: '\\p{Script=Han}+' }), '顺丰', '顺丰'],
  ];
  it.each(accepted)('accepts %s', (_name, definition, value, normalised) => {
    expect(validateFieldValue(definition, value)).toEqual({ ok: true, value: normalised });
  });

  const refused: Array<[string, FieldDefinition, unknown]> = [
    ['text given a number', def('text'), 5],
    ['text too long', def('text'), 'x'.repeat(10_001)],
    ['number given a word', def('number'), 'ten'],
    ['number given NaN-ish string', def('number'), '1e5'],
    ['number given a boolean', def('number'), true],
    ['number infinite', def('number'), Infinity],
    ['date with slashes', def('date'), '2024/02/01'],
    ['date that does not exist', def('date'), '2023-02-29'],
    ['date with a time', def('date'), '2024-02-01T00:00:00Z'],
    ['date month 13', def('date'), '2024-13-01'],
    ['dropdown outside the options', def('dropdown', { options: colours }), 'purple'],
    ['dropdown given a list', def('dropdown', { options: colours }), ['red']],
    ['multi_select given a string', def('multi_select', { options: colours }), 'red'],
    ['multi_select with an unknown option', def('multi_select', { options: colours }), ['red', 'pink']],
    ['multi_select with a number', def('multi_select', { options: colours }), [1]],
    ['checkbox given "true"', def('checkbox'), 'true'],
    ['checkbox given 1', def('checkbox'), 1],
    ['regex not matching', def('regex', { pattern: '[A-Z]{2}\\d{4}' }), 'SF12345'],
    ['regex partial match is not enough', def('regex', { pattern: '\\d+' }), 'abc123'],
    ['regex given a number', def('regex', { pattern: '\\d+' }), 123],
  ];
  it.each(refused)('refuses %s', (_name, definition, value) => {
    expect(validateFieldValue(definition, value)).toMatchObject({ ok: false, message: expect.any(String) });
  });
});

describe('isIsoDate', () => {
  it.each([
    ['2024-01-31', true],
    ['2024-04-31', false],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['24-01-01', false],
    ['2024-1-1', false],
  ])('%s -> %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });
});

describe('checkDefinition', () => {
  it.each([
    ['a plain text field', { key: 'order_no', type: 'text' as const }, []],
    ['a dropdown with options', { key: 'colour', type: 'dropdown' as const, options: colours }, []],
    ['a regex field with a valid pattern', { key: 'tracking', type: 'regex' as const, pattern: '[A-Z]{2}\\d+' }, []],
    ['a bad key', { key: 'Order No', type: 'text' as const }, ['key']],
    ['a key starting with a digit', { key: '1st', type: 'text' as const }, ['key']],
    ['a dropdown without options', { key: 'colour', type: 'dropdown' as const }, ['options']],
    ['duplicate option values', { key: 'c', type: 'multi_select' as const, options: [colours[0]!, colours[0]!] }, ['options.1.value']],
    ['options on a text field', { key: 'c', type: 'text' as const, options: colours }, ['options']],
    ['a regex field without a pattern', { key: 'c', type: 'regex' as const }, ['pattern']],
    ['an invalid pattern', { key: 'c', type: 'regex' as const, pattern: '([a-z' }, ['pattern']],
    ['an invalid unicode escape', { key: 'c', type: 'regex' as const, pattern: '\\p{Nope}' }, ['pattern']],
    ['a pattern on a number field', { key: 'c', type: 'number' as const, pattern: '\\d' }, ['pattern']],
  ])('%s', (_name, definition, paths) => {
    expect(checkDefinition(definition).map((issue) => issue.path)).toEqual(paths);
  });
});

describe('applyCustomFieldInput', () => {
  const definitions = [
    def('text', { id: '10', key: 'order_no' }),
    def('checkbox', { id: '11', key: 'gift' }),
    def('number', { id: '12', key: 'old', active: false }),
  ];
  it('applies {key: value} over the current values, null clearing one', () => {
    expect(applyCustomFieldInput(definitions, { order_no: 'A1', old: 3 }, { gift: true, order_no: null })).toEqual({
      values: { old: 3, gift: true },
      issues: [],
    });
  });
  it("applies Zendesk's [{id, value}]", () => {
    expect(applyCustomFieldInput(definitions, {}, [{ id: '10', value: 'B2' }])).toEqual({ values: { order_no: 'B2' }, issues: [] });
  });
  it('reports unknown fields, inactive fields and bad values with their paths', () => {
    const result = applyCustomFieldInput(definitions, {}, { nope: 1, old: 5, gift: 'yes' });
    expect(result.issues.map((issue) => issue.path)).toEqual(['custom_fields.nope', 'custom_fields.old', 'custom_fields.gift']);
  });
  it('reports an unknown id by its index', () => {
    expect(applyCustomFieldInput(definitions, {}, [{ id: '99', value: 1 }]).issues).toEqual([{ path: 'custom_fields.0', message: expect.any(String) }]);
  });
});

describe('missingFields', () => {
  const definitions = [
    def('text', { id: '1', key: 'reason', required_on_solve: true }),
    def('checkbox', { id: '2', key: 'refunded', required_on_solve: true }),
    def('multi_select', { id: '3', key: 'products', required_on_solve: true, options: colours }),
    def('text', { id: '4', key: 'inactive', required_on_solve: true, active: false }),
    def('text', { id: '5', key: 'email_ref', required: true }),
  ];
  it.each([
    ['nothing filled', {}, null, ['reason', 'refunded', 'products']],
    ['empty string and empty list count as missing', { reason: '', products: [], refunded: false }, null, ['reason', 'products']],
    ['all filled (false answers a checkbox)', { reason: 'x', refunded: false, products: ['red'] }, null, []],
    ['only the form fields count', {}, ['2', '5'], ['refunded']],
  ] as Array<[string, Record<string, any>, string[] | null, string[]]>)('%s', (_name, values, form, keys) => {
    expect(missingFields(definitions, form, values, 'required_on_solve').map((d) => d.key)).toEqual(keys);
  });
  it('checks required fields separately', () => {
    expect(missingFields(definitions, null, {}, 'required').map((d) => d.key)).toEqual(['email_ref']);
  });
});
