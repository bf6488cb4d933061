import { describe, expect, it } from 'vitest';
import type { CategoryRow } from '../api/admin-api';
import { adminKeys } from '../hooks/admin-keys';
import { categoryTree, checkFieldDraft, fieldBody, keyFromTitle, localName, moveItem, parentChoices, parseDomains, patternIsValid } from './admin-rules';
import { canOpenAdmin, sectionAccess, visibleSections } from './sections';

const category = (id: string, parent: string | null, depth: number, name: string, position = 0): CategoryRow => ({
  id, parent_id: parent, depth, name, name_zh: `${name}-zh`, position,
});

describe('custom field drafts, checked like the API', () => {
  it('keys: a-z first, then a-z 0-9 _', () => {
    expect(checkFieldDraft({ key: 'order_no', type: 'text' })).toEqual([]);
    for (const key of ['', '1abc', 'Order', 'has-dash', 'a'.repeat(65), '订单']) {
      expect(checkFieldDraft({ key, type: 'text' }).map((i) => i.message), key).toContain('badKey');
    }
  });

  it('dropdowns need distinct options; regex fields need a valid pattern', () => {
    expect(checkFieldDraft({ key: 'k', type: 'dropdown', options: [] }).map((i) => i.message)).toEqual(['needsOptions']);
    expect(checkFieldDraft({ key: 'k', type: 'dropdown', options: [{ value: ' ' }, undefined] }).map((i) => i.message)).toEqual(['needsOptions']);
    expect(checkFieldDraft({ key: 'k', type: 'multi_select', options: [{ value: 'a' }, { value: 'a' }] })).toEqual([
      { path: ['options', 1, 'value'], message: 'duplicateOption' },
    ]);
    expect(checkFieldDraft({ key: 'k', type: 'dropdown', options: [{ value: 'a' }, { value: 'b' }] })).toEqual([]);
    expect(checkFieldDraft({ key: 'k', type: 'regex', pattern: '[A-Z]{2}\\d{6}' })).toEqual([]);
    expect(checkFieldDraft({ key: 'k', type: 'regex', pattern: '([' }).map((i) => i.message)).toEqual(['badPattern']);
    expect(checkFieldDraft({ key: 'k', type: 'regex', pattern: '' }).map((i) => i.message)).toEqual(['badPattern']);
    expect(patternIsValid('x'.repeat(501))).toBe(false);
  });

  it('builds the body the API takes: options only for option types, pattern only for regex', () => {
    expect(fieldBody({ key: 'k', title: ' Size ', type: 'dropdown', options: [{ value: ' s ', label: 'Small', label_zh: ' 小 ' }, { value: '' }], pattern: 'x' })).toMatchObject({
      title: 'Size', options: [{ value: 's', label: 'Small', label_zh: '小' }], pattern: null, title_zh: null,
    });
    expect(fieldBody({ key: 'k', title: 'T', type: 'text', options: [{ value: 'a' }] }).options).toBeUndefined();
    expect(fieldBody({ key: 'k', title: 'T', type: 'regex', pattern: ' \\d+ ' }).pattern).toBe('\\d+');
  });

  it('suggests keys from titles', () => {
    expect(keyFromTitle('Order number')).toBe('order_number');
    expect(keyFromTitle('  2nd Phone #')).toBe('nd_phone');
    expect(keyFromTitle('订单号')).toBe('field_1');
    expect(keyFromTitle('Size', ['size'])).toBe('size_1');
  });
});

describe('organizations: domains', () => {
  it('splits, normalises and reports what is not a domain', () => {
    expect(parseDomains('Acme.com, @shop.acme.cn\nacme.com；bad domain')).toEqual({ domains: ['acme.com', 'shop.acme.cn'], invalid: ['bad', 'domain'] });
    expect(parseDomains('')).toEqual({ domains: [], invalid: [] });
  });
});

describe('ordering and trees', () => {
  it('moves one item, ignoring impossible moves', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b'], 1, 5)).toEqual(['a', 'b']);
  });

  it('builds the category tree and offers only parents above the third level', () => {
    const rows = [category('3', '2', 3, 'Delivery'), category('1', null, 1, 'Orders', 1), category('2', '1', 2, 'Shipping'), category('5', null, 1, 'Billing', 0), category('6', '99', 2, 'Orphan', 2)];
    const tree = categoryTree(rows);
    expect(tree.map((n) => n.row.name)).toEqual(['Billing', 'Orders', 'Orphan']);
    expect(tree[1].children[0].children[0].row.name).toBe('Delivery');
    expect(parentChoices(rows, (r) => r.name).map((c) => c.label)).toEqual(['Billing', 'Orders', 'Orders › Shipping', 'Orphan']);
    expect(localName(rows[0], 'zh-CN')).toBe('Delivery-zh');
    expect(localName(rows[0], 'en')).toBe('Delivery');
    expect(localName({ title: 'T', title_zh: null }, 'zh-CN')).toBe('T');
  });
});

describe('who sees which admin section', () => {
  it('owners and admins see and edit everything; supervisors some, read-only mostly; agents none', () => {
    expect(visibleSections('admin')).toHaveLength(14);
    expect(sectionAccess('admin', 'mailboxes')).toBe('edit');
    expect(sectionAccess('supervisor', 'mailboxes')).toBe('read');
    expect(sectionAccess('supervisor', 'quarantine')).toBe('edit');
    expect(sectionAccess('owner', 'tokens')).toBe('edit');
    expect(visibleSections('supervisor')).not.toContain('tokens');
    expect(visibleSections('supervisor')).not.toContain('audit');
    expect(sectionAccess('supervisor', 'organizations')).toBe('edit');
    expect(sectionAccess('supervisor', 'fields')).toBe('read');
    for (const role of ['agent', 'light_agent', 'customer', undefined] as const) expect(canOpenAdmin(role)).toBe(false);
  });
});

describe('admin query keys', () => {
  it('share one root and separate what differs', () => {
    expect(adminKeys.users({ q: 'wang' })).toEqual(['admin', 'users', { q: 'wang', role: '' }]);
    expect(adminKeys.users({ q: 'wang' }).slice(0, 2)).toEqual(adminKeys.usersRoot());
    expect(adminKeys.groupMembers('7').slice(0, 2)).toEqual(adminKeys.groups().slice(0, 2));
    expect(adminKeys.tokens(true)).not.toEqual(adminKeys.tokens(false));
    for (const key of [adminKeys.tenant(), adminKeys.fields(), adminKeys.audit({ action: 'user.invited' })]) expect(key[0]).toBe('admin');
  });
});
