import { describe, expect, it } from 'vitest';
import { runBulk } from './bulk';
import { describeEvent, type HistoryEvent } from './event-text';
import { checkFieldValue, fieldsOfForm, optionLabel, type FieldDefinition } from './field-rules';

const field = (over: Partial<FieldDefinition>): FieldDefinition => ({
  id: '1',
  key: 'f',
  title: 'Order number',
  title_zh: '订单号',
  type: 'text',
  options: [],
  pattern: null,
  required: false,
  required_on_solve: false,
  active: true,
  position: 0,
  ...over,
});

describe('custom field rules, as the server has them', () => {
  it('checks each type', () => {
    expect(checkFieldValue(field({ type: 'number' }), '12.5', false)).toBeNull();
    expect(checkFieldValue(field({ type: 'number' }), '12,5', false)).toEqual({ key: 'invalidNumber' });
    expect(checkFieldValue(field({ type: 'date' }), '2024-02-29', false)).toBeNull();
    expect(checkFieldValue(field({ type: 'date' }), '2023-02-29', false)).toEqual({ key: 'invalidDate' });
    const dropdown = field({ type: 'dropdown', options: [{ value: 'tmall', label: 'Tmall', label_zh: '天猫' }] });
    expect(checkFieldValue(dropdown, 'tmall', false)).toBeNull();
    expect(checkFieldValue(dropdown, 'jd', false)).toEqual({ key: 'invalidOption' });
    expect(optionLabel(dropdown, 'tmall', 'zh-CN')).toBe('天猫');
    expect(optionLabel(dropdown, 'tmall', 'en')).toBe('Tmall');
    const regex = field({ type: 'regex', pattern: '[A-Z]-\\d+' });
    expect(checkFieldValue(regex, 'A-12', false)).toBeNull();
    expect(checkFieldValue(regex, 'xA-12', false)).toEqual({ key: 'invalidFormat' });
    expect(checkFieldValue(field({}), 'x'.repeat(10_001), false)).toEqual({ key: 'tooLong', max: 10_000 });
    expect(checkFieldValue(field({ type: 'checkbox' }), false, false)).toBeNull();
  });

  it('asks for required fields, and for required-on-solve ones only when solving', () => {
    expect(checkFieldValue(field({ required_on_solve: true }), '', false)).toBeNull();
    expect(checkFieldValue(field({ required_on_solve: true }), '', true)).toEqual({ key: 'requiredOnSolve' });
    expect(checkFieldValue(field({ required: true }), [], false)).toEqual({ key: 'required' });
    expect(checkFieldValue(field({ required: true, active: false }), null, true)).toBeNull();
  });

  it('lists the fields of the ticket’s form in the form’s order', () => {
    const defs = [field({ id: '1', position: 2 }), field({ id: '2', position: 1 }), field({ id: '3', active: false })];
    expect(fieldsOfForm(defs, null).map((d) => d.id)).toEqual(['2', '1']);
    expect(fieldsOfForm(defs, { field_ids: ['3', '1', '2'] }).map((d) => d.id)).toEqual(['1', '2']);
  });
});

describe('history in words', () => {
  const naming = {
    actor: (event: HistoryEvent) => (event.actor_id === '7' ? '王芳' : 'Someone'),
    field: (name: string) => ({ status_id: 'status', priority: 'priority', assignee_id: 'assignee' })[name] ?? name,
    value: (name: string, value: unknown) => (name === 'status_id' ? ({ '1': 'Open', '2': 'Pending' } as Record<string, string>)[String(value)] : String(value)),
  };
  const event = (over: Partial<HistoryEvent>): HistoryEvent => ({
    id: '1',
    type: 'ticket.updated',
    actor_type: 'user',
    actor_id: '7',
    via: 'web',
    changes: {},
    data: {},
    created_at: '2026-01-01T00:00:00Z',
    ...over,
  });

  it('says who changed what from what to what', () => {
    const lines = describeEvent(
      event({ changes: { status_id: ['1', '2'], status_category: ['open', 'pending'], assignee_id: [null, '7'], tags: [['a'], ['b']] } }),
      naming,
    );
    expect(lines).toEqual([
      { key: 'changed', params: { actor: '王芳', field: 'status', from: 'Open', to: 'Pending' } },
      { key: 'set', params: { actor: '王芳', field: 'assignee', to: '7' } },
      { key: 'tagsAdded', params: { actor: '王芳', tags: 'b' } },
      { key: 'tagsRemoved', params: { actor: '王芳', tags: 'a' } },
    ]);
  });

  it('names creation, replies and notes', () => {
    expect(describeEvent(event({ type: 'ticket.created' }), naming)).toEqual([{ key: 'created', params: { actor: '王芳' } }]);
    expect(describeEvent(event({ type: 'message.created', data: { public: false } }), naming)[0].key).toBe('noted');
    expect(describeEvent(event({ type: 'message.created', data: { public: true } }), naming)[0].key).toBe('replied');
    expect(describeEvent(event({ type: 'sla.breached' }), naming)).toEqual([{ key: 'other', params: { actor: '王芳', type: 'sla.breached' } }]);
  });
});

describe('bulk actions', () => {
  it('patches each ticket with its own version, retries a stale one once on its new version, and reports failures', async () => {
    const calls: string[] = [];
    const stale = new Error('stale');
    const result = await runBulk(
      [
        { id: '1', number: '101', version: 1 },
        { id: '2', number: '102', version: 4 },
        { id: '3', number: '103', version: 2 },
      ],
      { status: 'pending' },
      {
        update: async (id, version) => {
          calls.push(`${id}@${version}`);
          if (id === '2' && version === 4) throw stale;
          if (id === '3') throw new Error('closed');
        },
        reload: async () => ({ version: 5 }),
        isStale: (error) => error === stale,
        concurrency: 1,
      },
    );
    expect(calls).toEqual(['1@1', '2@4', '2@5', '3@2']);
    expect(result.updated).toEqual(['1', '2']);
    expect(result.failed.map((failure) => failure.number)).toEqual(['103']);
  });
});
