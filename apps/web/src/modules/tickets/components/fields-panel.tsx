import { UserOutlined } from '@ant-design/icons';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../lib/api';
import { useLanguage } from '../../../lib/i18n';
import { Alert, Button, Flex, Form, Input, Select, Typography } from '../../../ui';
import { Cascader, Checkbox, InputNumber } from '../../../ui/workspace-kit';
import type { Ticket } from '../api/tickets-api';
import type { CategoryRow } from '../api/workspace-api';
import { useStatusLabel } from '../hooks/use-field-naming';
import type { TicketDraft } from '../hooks/use-ticket-draft';
import { useAgents, useCategories, useFieldDefinitions, useForms, useGroupMembers, useGroups, useStatuses, useTagSuggestions } from '../hooks/use-workspace';
import { checkFieldValue, fieldsOfForm, fieldTitle, optionLabel, type FieldDefinition, type FieldProblem } from '../utils/field-rules';

interface CategoryOption {
  value: string;
  label: string;
  children?: CategoryOption[];
}

function categoryTree(categories: CategoryRow[], language: string): CategoryOption[] {
  const byParent = new Map<string | null, CategoryRow[]>();
  for (const category of categories) byParent.set(category.parent_id, [...(byParent.get(category.parent_id) ?? []), category]);
  const build = (parent: string | null, depth: number): CategoryOption[] =>
    (byParent.get(parent) ?? [])
      .sort((a, b) => a.position - b.position)
      .map((category) => {
        const children = depth < 3 ? build(category.id, depth + 1) : [];
        return { value: category.id, label: (language === 'zh-CN' && category.name_zh) || category.name, children: children.length ? children : undefined };
      });
  return build(null, 1);
}

function categoryIds(categories: CategoryRow[], id: string | null): string[] {
  if (!id) return [];
  const byId = new Map(categories.map((category) => [category.id, category]));
  const path: string[] = [];
  for (let category = byId.get(id); category && path.length < 5; category = category.parent_id ? byId.get(category.parent_id) : undefined) path.unshift(category.id);
  return path;
}

export interface FieldsPanelProps {
  ticket: Ticket;
  draft: TicketDraft;
  readOnly: boolean;
  meId: string | undefined;
  nameOf: (userId: string) => string | undefined;
}

/**
 * Every field an agent sets on a ticket, edited as a draft and saved together with the version it
 * started from. Custom fields are those of the ticket's form, checked as the server checks them.
 */
export function FieldsPanel({ ticket, draft, readOnly, meId, nameOf }: FieldsPanelProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const errors = useErrorText();
  const statusLabel = useStatusLabel();
  const statuses = useStatuses().data ?? [];
  const categories = useCategories().data ?? [];
  const groups = useGroups().data ?? [];
  const agents = useAgents().data ?? [];
  const definitions = useFieldDefinitions().data ?? [];
  const forms = useForms().data ?? [];
  const tags = useTagSuggestions('').data ?? [];
  const values = draft.draft;
  const groupId = (values.group_id as string | null) ?? null;
  const members = useGroupMembers(groupId).data;

  const statusRow = statuses.find((status) => status.id === values.status_id);
  const solving = statusRow?.category === 'solved' || statusRow?.category === 'closed';
  const form = forms.find((candidate) => candidate.id === values.form_id) ?? forms.find((candidate) => candidate.is_default && candidate.active) ?? null;
  const fields = useMemo(() => fieldsOfForm(definitions, form), [definitions, form]);
  const problems = new Map<string, FieldProblem>();
  for (const definition of fields) {
    const problem = checkFieldValue(definition, values[`custom_fields.${definition.key}`], solving);
    if (problem) problems.set(definition.key, problem);
  }
  // Only what the agent touched (or a solve) blocks the save: old tickets may miss a new required field.
  const blocking = [...problems].filter(([key]) => solving || `custom_fields.${key}` in draft.changes);
  const options = useMemo(() => categoryTree(categories, language), [categories, language]);

  const assigneeChoices = (members ?? agents).map((person) => ({ value: person.id, label: person.name }));
  const currentAssignee = values.assignee_id as string | null;
  if (currentAssignee && !assigneeChoices.some((choice) => choice.value === currentAssignee)) {
    assigneeChoices.unshift({ value: currentAssignee, label: nameOf(currentAssignee) ?? `#${currentAssignee}` });
  }

  const problemText = (definition: FieldDefinition, problem: FieldProblem) => {
    const name = fieldTitle(definition, language);
    return problem.key === 'tooLong' ? t('ws.ticket.tooLong', { max: problem.max }) : t(`ws.ticket.${problem.key}`, { field: name });
  };

  const item = (id: string, label: string, control: React.ReactNode, help?: string) => (
    <Form.Item key={id} label={label} htmlFor={id} style={{ marginBottom: 10 }} validateStatus={help ? 'error' : undefined} help={help}>
      {control}
    </Form.Item>
  );

  const customControl = (definition: FieldDefinition) => {
    const name = `custom_fields.${definition.key}`;
    const id = `cf-${definition.key}`;
    const value = values[name];
    const set = (next: unknown) => draft.setField(name, next);
    switch (definition.type) {
      case 'dropdown':
      case 'multi_select':
        return (
          <Select
            id={id}
            allowClear
            mode={definition.type === 'multi_select' ? 'multiple' : undefined}
            value={(value as string | string[] | undefined) ?? (definition.type === 'multi_select' ? [] : undefined)}
            onChange={(next) => set(next ?? null)}
            disabled={readOnly}
            placeholder={t('ws.ticket.noValue')}
            options={definition.options.map((option) => ({ value: option.value, label: optionLabel(definition, option.value, language) }))}
            data-testid={`field-${definition.key}`}
          />
        );
      case 'checkbox':
        return (
          <Checkbox id={id} checked={value === true} onChange={(event) => set(event.target.checked)} disabled={readOnly} data-testid={`field-${definition.key}`}>
            {fieldTitle(definition, language)}
          </Checkbox>
        );
      case 'number':
        return <InputNumber id={id} style={{ width: '100%' }} value={value as number | undefined} onChange={(next) => set(next ?? null)} disabled={readOnly} data-testid={`field-${definition.key}`} />;
      case 'date':
        return <Input id={id} type="date" value={(value as string | undefined) ?? ''} onChange={(event) => set(event.target.value || null)} disabled={readOnly} data-testid={`field-${definition.key}`} />;
      default:
        return <Input id={id} value={(value as string | undefined) ?? ''} onChange={(event) => set(event.target.value)} disabled={readOnly} data-testid={`field-${definition.key}`} />;
    }
  };

  return (
    <Form layout="vertical" size="middle" requiredMark={false} data-testid="fields-panel" onSubmitCapture={(event) => event.preventDefault()}>
      {item('f-requester', t('ticket.fields.requester'), <Typography.Text id="f-requester">{nameOf(ticket.requester_id) ?? `#${ticket.requester_id}`}</Typography.Text>)}
      {item(
        'f-status',
        t('ticket.fields.status'),
        <Select
          id="f-status"
          value={values.status_id as string}
          onChange={(next) => draft.setField('status_id', next)}
          disabled={readOnly || ticket.status === 'closed'}
          options={statuses
            .filter((status) => status.active || status.id === values.status_id)
            .filter((status) => status.category !== 'new' || status.id === values.status_id)
            .map((status) => ({ value: status.id, label: statusLabel(status) }))}
          data-testid="field-status"
        />,
      )}
      <Flex gap={8}>
        <div style={{ flex: 1 }}>
          {item(
            'f-priority',
            t('ticket.fields.priority'),
            <Select
              id="f-priority"
              value={values.priority as string}
              onChange={(next) => draft.setField('priority', next)}
              disabled={readOnly}
              options={(['low', 'normal', 'high', 'urgent'] as const).map((value) => ({ value, label: t(`priority.${value}`) }))}
              data-testid="field-priority"
            />,
          )}
        </div>
        <div style={{ flex: 1 }}>
          {item(
            'f-type',
            t('ticket.fields.type'),
            <Select
              id="f-type"
              allowClear
              placeholder={t('ws.ticket.noValue')}
              value={(values.type as string | null) ?? undefined}
              onChange={(next) => draft.setField('type', next ?? null)}
              disabled={readOnly}
              options={(['question', 'incident', 'problem', 'task'] as const).map((value) => ({ value, label: t(`ticketType.${value}`) }))}
            />,
          )}
        </div>
      </Flex>
      {item(
        'f-category',
        t('ws.ticket.category'),
        <Cascader
          id="f-category"
          options={options}
          changeOnSelect
          placeholder={t('ws.ticket.noValue')}
          value={categoryIds(categories, values.category_id as string | null)}
          onChange={(path) => draft.setField('category_id', path?.length ? String(path[path.length - 1]) : null)}
          disabled={readOnly}
          showSearch
          style={{ width: '100%' }}
        />,
      )}
      {item(
        'f-group',
        t('ticket.fields.group'),
        <Select
          id="f-group"
          allowClear
          placeholder={t('ws.ticket.noValue')}
          value={groupId ?? undefined}
          onChange={(next) => draft.setField('group_id', next ?? null)}
          disabled={readOnly}
          showSearch={{ optionFilterProp: 'label' }}
          options={groups.map((group) => ({ value: group.id, label: group.name }))}
          data-testid="field-group"
        />,
      )}
      {item(
        'f-assignee',
        t('ticket.fields.assignee'),
        <Flex gap={6}>
          <Select
            id="f-assignee"
            allowClear
            style={{ flex: 1, minWidth: 0 }}
            placeholder={groupId ? t('ticket.unassigned') : t('ws.ticket.chooseGroupFirst')}
            value={currentAssignee ?? undefined}
            onChange={(next) => draft.setField('assignee_id', next ?? null)}
            disabled={readOnly}
            showSearch={{ optionFilterProp: 'label' }}
            options={assigneeChoices}
            data-testid="field-assignee"
          />
          {meId && currentAssignee !== meId && !readOnly && (
            <Button icon={<UserOutlined />} onClick={() => draft.setField('assignee_id', meId)} aria-label={t('ws.ticket.assignToMe')} title={t('ws.ticket.assignToMe')} />
          )}
        </Flex>,
      )}
      {item(
        'f-tags',
        t('ticket.fields.tags'),
        <Select
          id="f-tags"
          mode="tags"
          value={(values.tags as string[]) ?? []}
          onChange={(next: string[]) => draft.setField('tags', next)}
          disabled={readOnly}
          tokenSeparators={[',', ' ']}
          options={tags.map((tag) => ({ value: tag.name, label: tag.name }))}
          data-testid="field-tags"
        />,
      )}
      {fields.map((definition) => {
        const problem = problems.get(definition.key);
        const shown = problem && (solving || `custom_fields.${definition.key}` in draft.changes) ? problemText(definition, problem) : undefined;
        return item(`cf-${definition.key}`, definition.type === 'checkbox' ? '' : fieldTitle(definition, language), customControl(definition), shown);
      })}
      {draft.error != null && <Alert type="error" showIcon title={errors.describe(draft.error)} style={{ marginBottom: 8 }} />}
      {!readOnly && (
        <Flex gap={8} justify="flex-end" align="center" style={{ position: 'sticky', bottom: 0, background: '#fff', paddingTop: 8 }}>
          {draft.dirty && (
            <Typography.Text type="warning" style={{ marginInlineEnd: 'auto', fontSize: 12, whiteSpace: 'nowrap' }}>
              {t('ws.ticket.unsaved')}
            </Typography.Text>
          )}
          <Button onClick={draft.discard} disabled={!draft.dirty || draft.saving}>
            {t('ws.ticket.discard')}
          </Button>
          <Button type="primary" onClick={() => void draft.save()} loading={draft.saving} disabled={!draft.dirty || blocking.length > 0} data-testid="save-fields">
            {t('ws.ticket.save')}
          </Button>
        </Flex>
      )}
    </Form>
  );
}
