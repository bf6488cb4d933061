import type { z } from 'zod';
import type {
  CategoryCreateBody, CategoryUpdateBody, CustomFieldCreateBody, CustomFieldUpdateBody, TicketFormCreateBody,
  TicketFormUpdateBody, TicketStatusCreateBody, TicketStatusUpdateBody,
} from '@switchboard/contracts';
import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/auth-context/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import { conflict, invalid, notFound } from '../../platform/errors/app-error.ts';
import { recordAudit } from '../identity/index.ts';
import { configRepo, type CategoryRow, type ConfigRepo, type FieldRow, type FormRow, type StatusRow } from './config.repo.ts';
import { depthUnder, planCategoryMove } from './domain/categories.ts';
import { checkDefinition, type FieldOption } from './domain/custom-fields.ts';
import { normalizeTag } from './domain/tags.ts';

type Out<T extends z.ZodType> = z.output<T>;

const uniqueViolation = (error: unknown): string | null =>
  (error as { code?: string })?.code === '23505' ? ((error as { constraint?: string }).constraint ?? '') : null;

const options = (list: Out<typeof CustomFieldCreateBody>['options']): FieldOption[] | undefined =>
  list?.map((option) => ({ value: option.value, label: option.label ?? option.value, label_zh: option.label_zh ?? null }));

/**
 * Ticket configuration used by tickets: statuses, categories, tags, custom fields and forms.
 * Every write is audited in its own transaction (action `<target>.<verb>`).
 */
export function createConfigService(deps: { db: Database }) {
  const { db } = deps;

  /** Runs a write, audits it, and turns unique-index violations into 409s with stable codes. */
  async function write<T>(
    actor: Actor,
    audit: { action: string; targetType: string },
    work: (repo: ConfigRepo, trx: Transaction<any>) => Promise<{ result: T; targetId: string | null; changes: Record<string, unknown> }>,
    conflicts: Record<string, [string, string]> = {},
  ): Promise<T> {
    try {
      return await db.tenantTx(actor.tenantId, async (trx) => {
        const { result, targetId, changes } = await work(configRepo(trx, actor.tenantId), trx);
        await recordAudit(trx, actor, { action: audit.action, targetType: audit.targetType, targetId, changes });
        return result;
      });
    } catch (error) {
      const constraint = uniqueViolation(error);
      const known = constraint ? conflicts[constraint] : undefined;
      if (known) throw conflict(known[0], known[1]);
      throw error;
    }
  }

  const read = <T>(actor: Actor, work: (repo: ConfigRepo) => Promise<T>) =>
    db.tenantTx(actor.tenantId, (trx) => work(configRepo(trx, actor.tenantId)));

  const mustFind = async <T>(repo: ConfigRepo, table: Parameters<ConfigRepo['find']>[0], id: string, code: string, what: string) => {
    const row = await repo.find<T>(table, id, true);
    if (!row) throw notFound(code, what);
    return row;
  };

  const statusConflicts = { ticket_statuses_name_key: ['TICKET_STATUS_NAME_TAKEN', 'A status with this name exists'] } as Record<string, [string, string]>;
  const categoryConflicts = { categories_sibling_name_key: ['CATEGORY_NAME_TAKEN', 'A sibling category has this name'] } as Record<string, [string, string]>;
  const fieldConflicts = { custom_field_definitions_key: ['CUSTOM_FIELD_KEY_TAKEN', 'A custom field with this key exists'] } as Record<string, [string, string]>;

  const statuses = {
    list: (actor: Actor) => read(actor, (repo) => repo.list<StatusRow>('ticket_statuses')),
    create: (actor: Actor, body: Out<typeof TicketStatusCreateBody>) =>
      write(actor, { action: 'ticket_status.create', targetType: 'ticket_status' }, async (repo) => {
        if (body.is_default && body.active === false) throw invalid('VALIDATION_FAILED', 'A default status must be active', [{ path: 'body.active', message: 'must be true for a default status' }]);
        if (body.is_default) await repo.clearDefault('ticket_statuses', { category: body.category });
        const row = await repo.insert<StatusRow>('ticket_statuses', body);
        return { result: row, targetId: row.id, changes: body };
      }, statusConflicts),
    update: (actor: Actor, id: string, body: Out<typeof TicketStatusUpdateBody>) =>
      write(actor, { action: 'ticket_status.update', targetType: 'ticket_status' }, async (repo) => {
        const current = await mustFind<StatusRow>(repo, 'ticket_statuses', id, 'TICKET_STATUS_NOT_FOUND', 'The status');
        const willBeDefault = body.is_default ?? current.is_default;
        if (current.is_default && body.is_default === false) {
          throw conflict('TICKET_STATUS_IS_DEFAULT', 'Make another status of this category the default instead');
        }
        if (willBeDefault && (body.active ?? current.active) === false) throw conflict('TICKET_STATUS_IS_DEFAULT', 'The default status of a category cannot be deactivated');
        if (body.is_default && !current.is_default) await repo.clearDefault('ticket_statuses', { category: current.category }, id);
        const row = (await repo.update<StatusRow>('ticket_statuses', id, body))!;
        return { result: row, targetId: id, changes: body };
      }, statusConflicts),
    remove: (actor: Actor, id: string) =>
      write(actor, { action: 'ticket_status.delete', targetType: 'ticket_status' }, async (repo) => {
        const current = await mustFind<StatusRow>(repo, 'ticket_statuses', id, 'TICKET_STATUS_NOT_FOUND', 'The status');
        if (current.is_default) throw conflict('TICKET_STATUS_IS_DEFAULT', 'The default status of a category cannot be deleted');
        if (await repo.statusInUse(id)) throw conflict('TICKET_STATUS_IN_USE', 'Tickets use this status; deactivate it instead');
        await repo.remove('ticket_statuses', id);
        return { result: undefined, targetId: id, changes: { name: current.name } };
      }),
  };

  const categories = {
    list: (actor: Actor) => read(actor, (repo) => repo.list<CategoryRow>('categories')),
    create: (actor: Actor, body: Out<typeof CategoryCreateBody>) =>
      write(actor, { action: 'category.create', targetType: 'category' }, async (repo) => {
        const parent = body.parent_id ? await repo.find<CategoryRow>('categories', body.parent_id) : null;
        if (body.parent_id && !parent) throw invalid('VALIDATION_FAILED', 'The category is not valid', [{ path: 'body.parent_id', message: 'no category with this id' }]);
        const depth = depthUnder(parent);
        if (!depth.ok) throw invalid('CATEGORY_TOO_DEEP', depth.message, [{ path: 'body.parent_id', message: depth.message }]);
        const row = await repo.insert<CategoryRow>('categories', { ...body, parent_id: body.parent_id ?? null, depth: depth.depth });
        return { result: row, targetId: row.id, changes: body };
      }, categoryConflicts),
    update: (actor: Actor, id: string, body: Out<typeof CategoryUpdateBody>) =>
      write(actor, { action: 'category.update', targetType: 'category' }, async (repo) => {
        const current = await mustFind<CategoryRow>(repo, 'categories', id, 'CATEGORY_NOT_FOUND', 'The category');
        const { parent_id, ...rest } = body;
        if (parent_id !== undefined && parent_id !== current.parent_id) {
          const plan = planCategoryMove(await repo.list<CategoryRow>('categories'), id, parent_id);
          if (!plan.ok) throw invalid('CATEGORY_TOO_DEEP', plan.message, [{ path: 'body.parent_id', message: plan.message }]);
          await repo.update('categories', id, { parent_id });
          await repo.updateCategoryDepths(plan.depths);
        }
        const row = (await repo.update<CategoryRow>('categories', id, rest))!;
        return { result: row, targetId: id, changes: body };
      }, categoryConflicts),
    remove: (actor: Actor, id: string) =>
      write(actor, { action: 'category.delete', targetType: 'category' }, async (repo) => {
        const current = await mustFind<CategoryRow>(repo, 'categories', id, 'CATEGORY_NOT_FOUND', 'The category');
        await repo.remove('categories', id);
        return { result: undefined, targetId: id, changes: { name: current.name } };
      }),
  };

  const tags = {
    list: (actor: Actor, query: { counts?: string; q?: string }) =>
      read(actor, (repo) => repo.listTags({ counts: query.counts === 'true', prefix: query.q?.trim().toLowerCase() || undefined })),
    create: (actor: Actor, name: string) =>
      write(actor, { action: 'tag.create', targetType: 'tag' }, async (repo) => {
        const tag = normalizeTag(name);
        if (!tag.ok || tag.tag === null) {
          throw invalid('VALIDATION_FAILED', 'The tag is not valid', [{ path: 'body.name', message: tag.ok ? 'must not be empty' : tag.message }]);
        }
        const created = await repo.insertTag(tag.tag);
        return { result: { name: tag.tag, created }, targetId: tag.tag, changes: {} };
      }),
    remove: (actor: Actor, name: string) =>
      write(actor, { action: 'tag.delete', targetType: 'tag' }, async (repo) => {
        const tag = normalizeTag(name);
        if (!tag.ok || !tag.tag || !(await repo.deleteTag(tag.tag))) throw notFound('TAG_NOT_FOUND', 'The tag');
        return { result: undefined, targetId: tag.tag, changes: {} };
      }),
  };

  const fieldIssues = (definition: Parameters<typeof checkDefinition>[0]) => {
    const issues = checkDefinition(definition);
    if (issues.length > 0) {
      throw invalid('VALIDATION_FAILED', 'The custom field is not valid', issues.map((issue) => ({ path: `body.${issue.path}`, message: issue.message })));
    }
  };

  const fields = {
    list: (actor: Actor) => read(actor, (repo) => repo.fieldDefinitions()),
    create: (actor: Actor, body: Out<typeof CustomFieldCreateBody>) =>
      write(actor, { action: 'custom_field.create', targetType: 'custom_field' }, async (repo) => {
        const row = { ...body, options: options(body.options) ?? [], pattern: body.pattern ?? null };
        fieldIssues(row);
        const created = await repo.insert<FieldRow>('custom_field_definitions', row);
        return { result: created, targetId: created.id, changes: body };
      }, fieldConflicts),
    update: (actor: Actor, id: string, body: Out<typeof CustomFieldUpdateBody>) =>
      write(actor, { action: 'custom_field.update', targetType: 'custom_field' }, async (repo) => {
        const current = await mustFind<FieldRow>(repo, 'custom_field_definitions', id, 'CUSTOM_FIELD_NOT_FOUND', 'The custom field');
        const patch = { ...body, options: options(body.options) };
        fieldIssues({ key: current.key, type: current.type, options: patch.options ?? current.options, pattern: patch.pattern === undefined ? current.pattern : patch.pattern });
        const row = (await repo.update<FieldRow>('custom_field_definitions', id, patch))!;
        return { result: row, targetId: id, changes: body };
      }),
    remove: (actor: Actor, id: string) =>
      write(actor, { action: 'custom_field.delete', targetType: 'custom_field' }, async (repo) => {
        const current = await mustFind<FieldRow>(repo, 'custom_field_definitions', id, 'CUSTOM_FIELD_NOT_FOUND', 'The custom field');
        await repo.removeFieldFromForms(id);
        await repo.remove('custom_field_definitions', id);
        return { result: undefined, targetId: id, changes: { key: current.key } };
      }),
  };

  const checkFormFields = async (repo: ConfigRepo, ids: string[] | undefined) => {
    if (!ids) return;
    const known = new Set((await repo.fieldDefinitions()).map((field) => field.id));
    const issues = ids.map((fieldId, index) => ({ fieldId, index })).filter(({ fieldId }) => !known.has(fieldId));
    if (issues.length > 0) {
      throw invalid('VALIDATION_FAILED', 'The form is not valid', issues.map(({ index }) => ({ path: `body.field_ids.${index}`, message: 'no custom field with this id' })));
    }
    if (new Set(ids).size !== ids.length) throw invalid('VALIDATION_FAILED', 'The form is not valid', [{ path: 'body.field_ids', message: 'lists a field twice' }]);
  };

  const forms = {
    list: (actor: Actor) => read(actor, (repo) => repo.list<FormRow>('ticket_forms')),
    create: (actor: Actor, body: Out<typeof TicketFormCreateBody>) =>
      write(actor, { action: 'ticket_form.create', targetType: 'ticket_form' }, async (repo) => {
        await checkFormFields(repo, body.field_ids);
        if (body.is_default) await repo.clearDefault('ticket_forms', {});
        const row = await repo.insert<FormRow>('ticket_forms', body);
        return { result: row, targetId: row.id, changes: body };
      }),
    update: (actor: Actor, id: string, body: Out<typeof TicketFormUpdateBody>) =>
      write(actor, { action: 'ticket_form.update', targetType: 'ticket_form' }, async (repo) => {
        await mustFind<FormRow>(repo, 'ticket_forms', id, 'TICKET_FORM_NOT_FOUND', 'The form');
        await checkFormFields(repo, body.field_ids);
        if (body.is_default) await repo.clearDefault('ticket_forms', {}, id);
        const row = (await repo.update<FormRow>('ticket_forms', id, body))!;
        return { result: row, targetId: id, changes: body };
      }),
    remove: (actor: Actor, id: string) =>
      write(actor, { action: 'ticket_form.delete', targetType: 'ticket_form' }, async (repo) => {
        const current = await mustFind<FormRow>(repo, 'ticket_forms', id, 'TICKET_FORM_NOT_FOUND', 'The form');
        await repo.remove('ticket_forms', id);
        return { result: undefined, targetId: id, changes: { name: current.name } };
      }),
  };

  return { statuses, categories, tags, fields, forms };
}

export type ConfigService = ReturnType<typeof createConfigService>;
