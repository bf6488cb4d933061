import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../lib/i18n';
import type { CategoryRow, TicketStatusRow } from '../api/workspace-api';
import { fieldTitle, optionLabel } from '../utils/field-rules';
import { customStatusName } from '../utils/status';
import { useCategories, useFieldDefinitions, useForms, useGroups, useStatuses } from './use-workspace';

/** A status row's name for people: the tenant's own name (in their language) or the category's. */
export function useStatusLabel() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return (status: Pick<TicketStatusRow, 'category' | 'name' | 'name_zh'>) =>
    (language === 'zh-CN' && status.name_zh) || customStatusName(status.category, status.name) || t(`status.${status.category}`);
}

/** "Electronics / Phones / Screens": a category with its parents. */
export function categoryPath(categories: CategoryRow[], id: string, language: string): string {
  const byId = new Map(categories.map((category) => [category.id, category]));
  const names: string[] = [];
  for (let category = byId.get(id); category && names.length < 5; category = category.parent_id ? byId.get(category.parent_id) : undefined) {
    names.unshift((language === 'zh-CN' && category.name_zh) || category.name);
  }
  return names.length ? names.join(' / ') : `#${id}`;
}

/**
 * Names of ticket fields and of their values, for the history and the conflict view: statuses,
 * groups, categories and people by name, enums translated, custom fields by their title.
 */
export function useFieldNaming(nameOf: (userId: string) => string | undefined) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const statuses = useStatuses().data ?? [];
  const groups = useGroups().data ?? [];
  const categories = useCategories().data ?? [];
  const definitions = useFieldDefinitions().data ?? [];
  const forms = useForms().data ?? [];
  const statusLabel = useStatusLabel();

  const field = (name: string): string => {
    if (name.startsWith('custom_fields.')) {
      const key = name.slice('custom_fields.'.length);
      const definition = definitions.find((candidate) => candidate.key === key);
      return definition ? fieldTitle(definition, language) : key;
    }
    switch (name) {
      case 'status_id':
      case 'status_category':
        return t('ticket.fields.status');
      case 'priority':
        return t('ticket.fields.priority');
      case 'type':
        return t('ticket.fields.type');
      case 'assignee_id':
        return t('ticket.fields.assignee');
      case 'group_id':
        return t('ticket.fields.group');
      case 'requester_id':
        return t('ticket.fields.requester');
      case 'tags':
        return t('ticket.fields.tags');
      case 'category_id':
        return t('ws.ticket.category');
      case 'subject':
        return t('ws.ticket.subject');
      case 'form_id':
        return t('ws.ticket.form');
      default:
        return name;
    }
  };

  const value = (name: string, raw: unknown): string => {
    if (raw === null || raw === undefined || raw === '' || (Array.isArray(raw) && raw.length === 0)) return t('ws.ticket.noValue');
    const text = String(raw);
    if (name.startsWith('custom_fields.')) {
      const definition = definitions.find((candidate) => candidate.key === name.slice('custom_fields.'.length));
      if (definition && Array.isArray(raw)) return raw.map((item) => optionLabel(definition, String(item), language)).join(', ');
      if (definition?.type === 'dropdown') return optionLabel(definition, text, language);
      if (typeof raw === 'boolean') return raw ? '✓' : '✗';
      return text;
    }
    switch (name) {
      case 'status_id': {
        const status = statuses.find((candidate) => candidate.id === text);
        return status ? statusLabel(status) : `#${text}`;
      }
      case 'status_category':
        return t(`status.${text}` as 'status.open');
      case 'priority':
        return t(`priority.${text}` as 'priority.low');
      case 'type':
        return t(`ticketType.${text}` as 'ticketType.task');
      case 'assignee_id':
      case 'requester_id':
        return nameOf(text) ?? `#${text}`;
      case 'group_id':
        return groups.find((group) => group.id === text)?.name ?? `#${text}`;
      case 'category_id':
        return categoryPath(categories, text, language);
      case 'form_id':
        return forms.find((form) => form.id === text)?.name ?? `#${text}`;
      case 'tags':
        return Array.isArray(raw) ? raw.join(', ') : text;
      default:
        return Array.isArray(raw) ? raw.join(', ') : text;
    }
  };

  return { field, value };
}
