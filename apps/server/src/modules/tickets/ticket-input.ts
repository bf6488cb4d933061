import type { Transaction } from 'kysely';
import { AppError } from '../../platform/errors/app-error.ts';
import { findOrCreateCustomerByEmail } from '../identity/index.ts';
import { configRepo, ticketSetup } from './config.repo.ts';
import { applyCustomFieldInput, missingFields, type CustomFieldInput, type FieldValue } from './domain/custom-fields.ts';
import { initialStatus, planStatusTransition, type StatusCategory } from './domain/status.ts';
import { combineTags, normalizeTags } from './domain/tags.ts';
import { ASSIGNABLE_ROLES } from './tickets.policy.ts';
import { ticketsRepo, type TicketRow, type UserRef } from './tickets.repo.ts';

/** The fields of a ticket that changes act on (what is diffed into ticket_events). */
export interface TicketState {
  subject: string;
  status_id: string;
  status_category: StatusCategory;
  priority: TicketRow['priority'];
  type: TicketRow['type'];
  category_id: string | null;
  requester_id: string;
  assignee_id: string | null;
  group_id: string | null;
  organization_id: string | null;
  form_id: string | null;
  external_id: string | null;
  tags: string[];
  custom_fields: Record<string, FieldValue>;
  cc_ids: string[];
  follower_ids: string[];
  solved_at: Date | null;
  closed_at: Date | null;
}

export const DIFFED_FIELDS = [
  'subject', 'status_category', 'status_id', 'priority', 'type', 'category_id', 'requester_id', 'assignee_id',
  'group_id', 'organization_id', 'form_id', 'external_id', 'tags', 'cc_ids', 'follower_ids',
] as const;
export const SET_FIELDS = ['tags', 'cc_ids', 'follower_ids'] as const;

/** A create or update body after zod: every field optional, ids as strings. */
export interface TicketChangeInput {
  subject?: string;
  requester_id?: string;
  priority?: TicketRow['priority'];
  type?: TicketRow['type'];
  status?: StatusCategory;
  status_id?: string;
  group_id?: string | null;
  assignee_id?: string | null;
  organization_id?: string | null;
  category_id?: string | null;
  form_id?: string | null;
  tags?: string[];
  add_tags?: string[];
  remove_tags?: string[];
  custom_fields?: CustomFieldInput;
  external_id?: string | null;
  cc_ids?: string[];
  cc_emails?: string[];
  follower_ids?: string[];
}

type Issue = { path: string; message: string };

const fail = (issues: Issue[]) => new AppError('VALIDATION_FAILED', 400, 'The ticket is not valid', { errors: issues });

/**
 * Applies `input` to `current` (a new ticket's defaults on create), checking every reference
 * and value; all problems are reported together (400 VALIDATION_FAILED, paths under body.).
 * Then applies the status rules (solved_at/closed_at) and the required-field rules.
 */
export async function resolveTicketState(
  trx: Transaction<any>,
  tenantId: string,
  current: TicketState,
  input: TicketChangeInput,
  options: {
    creating: boolean; byCustomer: boolean; now: Date;
    /** Users the caller read in this transaction (a channel's requester and CCs): not read again. */
    knownUsers?: ReadonlyArray<UserRef>;
  },
): Promise<TicketState> {
  const tickets = ticketsRepo(trx, tenantId);
  const config = configRepo(trx, tenantId);
  const issues: Issue[] = [];
  const next: TicketState = { ...current };

  if (input.subject !== undefined) next.subject = input.subject;
  if (input.priority !== undefined) next.priority = input.priority;
  if (input.type !== undefined) next.type = input.type;
  if (input.external_id !== undefined) next.external_id = input.external_id;

  if (input.status_id !== undefined) {
    const status = await config.activeStatus(input.status_id);
    if (!status) issues.push({ path: 'body.status_id', message: 'no active status with this id' });
    else if (input.status !== undefined && input.status !== status.category) {
      issues.push({ path: 'body.status', message: `does not match the category of status ${status.id} (${status.category})` });
    } else Object.assign(next, { status_id: status.id, status_category: status.category });
  } else if (input.status !== undefined && (options.creating || input.status !== current.status_category)) {
    const status = (await ticketSetup(trx, tenantId)).defaultStatuses.get(input.status) ?? null;
    if (!status) issues.push({ path: 'body.status', message: `no default status for ${input.status}` });
    else Object.assign(next, { status_id: status.id, status_category: status.category });
  }

  const userIds = [input.requester_id, input.assignee_id, ...(input.cc_ids ?? []), ...(input.follower_ids ?? [])];
  const users = new Map((options.knownUsers ?? []).map((user) => [user.id, user]));
  const unknown = userIds.filter((id): id is string => typeof id === 'string' && id !== '' && !users.has(id));
  for (const user of await tickets.findUsers([...new Set(unknown)])) users.set(user.id, user);
  const activeUser = (id: string) => {
    const user = users.get(id);
    return user && user.active ? user : null;
  };

  let requesterOrganization: string | null | undefined;
  if (input.requester_id !== undefined && input.requester_id !== current.requester_id) {
    const requester = activeUser(input.requester_id);
    if (!requester) issues.push({ path: 'body.requester_id', message: 'no active user with this id' });
    else {
      next.requester_id = requester.id;
      requesterOrganization = requester.organization_id;
    }
  }
  if (input.assignee_id !== undefined) {
    const assignee = input.assignee_id === null ? null : activeUser(input.assignee_id);
    if (input.assignee_id !== null && (!assignee || !ASSIGNABLE_ROLES.has(assignee.role))) {
      issues.push({ path: 'body.assignee_id', message: 'must be an active agent (light agents and customers cannot be assigned)' });
    } else next.assignee_id = input.assignee_id;
  }

  const references = [
    ['group_id', 'groups'],
    ['organization_id', 'organizations'],
    ['category_id', 'categories'],
    ['form_id', 'ticket_forms'],
  ] as const;
  for (const [field, table] of references) {
    const id = input[field];
    if (id === undefined) continue;
    // The default form was just read with the configuration: known to exist and be active.
    const known = field === 'form_id' && id !== null && id === (await ticketSetup(trx, tenantId)).defaultForm?.id;
    if (id !== null && !known && !(await tickets.existing(table, [id])).has(id)) {
      issues.push({ path: `body.${field}`, message: `no ${table === 'ticket_forms' ? 'active form' : table.replace(/ies$/, 'y').replace(/s$/, '')} with this id` });
    } else next[field] = id;
  }
  if (input.organization_id === undefined && requesterOrganization !== undefined) next.organization_id = requesterOrganization;
  if ((input.group_id !== undefined || input.assignee_id !== undefined) && next.group_id && next.assignee_id) {
    if (!issues.some((issue) => issue.path === 'body.assignee_id' || issue.path === 'body.group_id')) {
      if (!(await tickets.isGroupMember(next.group_id, next.assignee_id))) {
        issues.push({ path: 'body.assignee_id', message: 'the assignee is not a member of the group' });
      }
    }
  }

  if (input.tags !== undefined || input.add_tags !== undefined || input.remove_tags !== undefined) {
    const lists = { tags: input.tags, add_tags: input.add_tags, remove_tags: input.remove_tags };
    const normalised: Record<string, string[] | undefined> = {};
    for (const [field, list] of Object.entries(lists)) {
      if (!list) continue;
      const result = normalizeTags(list);
      result.issues.forEach((issue) => issues.push({ path: `body.${field}.${issue.index}`, message: issue.message }));
      normalised[field] = result.tags;
    }
    next.tags = combineTags(current.tags, { set: normalised.tags, add: normalised.add_tags, remove: normalised.remove_tags });
  }

  const definitions = (await ticketSetup(trx, tenantId)).fieldDefinitions;
  if (input.custom_fields !== undefined) {
    const result = applyCustomFieldInput(definitions, current.custom_fields, input.custom_fields);
    result.issues.forEach((issue) => issues.push({ path: `body.${issue.path}`, message: issue.message }));
    next.custom_fields = result.values;
  }

  if (input.cc_ids !== undefined) {
    input.cc_ids.forEach((id, index) => {
      if (!activeUser(id)) issues.push({ path: `body.cc_ids.${index}`, message: 'no active user with this id' });
    });
    next.cc_ids = [...new Set(input.cc_ids)];
  }
  if (input.follower_ids !== undefined) {
    input.follower_ids.forEach((id, index) => {
      const user = activeUser(id);
      if (!user || user.role === 'customer') issues.push({ path: `body.follower_ids.${index}`, message: 'must be an active staff member' });
    });
    next.follower_ids = [...new Set(input.follower_ids)];
  }
  if (issues.length > 0) throw fail(issues);

  for (const email of input.cc_emails ?? []) {
    const customer = await findOrCreateCustomerByEmail(trx, tenantId, { email });
    if (!next.cc_ids.includes(customer.id)) next.cc_ids = [...next.cc_ids, customer.id];
  }
  next.cc_ids = next.cc_ids.filter((id) => id !== next.requester_id);

  const stamps = { solvedAt: current.solved_at, closedAt: current.closed_at };
  const transition = options.creating
    ? initialStatus(next.status_category, options.now)
    : planStatusTransition(current.status_category, next.status_category, stamps, options.now);
  if (!transition.ok) {
    throw new AppError(transition.code, transition.code === 'TICKET_CLOSED' ? 409 : 422, transition.detail);
  }
  next.solved_at = transition.stamps.solvedAt;
  next.closed_at = transition.stamps.closedAt;

  const solving = (next.status_category === 'solved' || next.status_category === 'closed') &&
    (options.creating || current.status_category !== next.status_category);
  if (solving || (options.creating && options.byCustomer)) {
    const defaultForm = (await ticketSetup(trx, tenantId)).defaultForm;
    const formFields = next.form_id && next.form_id !== defaultForm?.id ? await tickets.formFieldIds(next.form_id) : (defaultForm?.field_ids ?? null);
    const missing = [
      ...(solving ? missingFields(definitions, formFields, next.custom_fields, 'required_on_solve') : []),
      ...(options.creating && options.byCustomer ? missingFields(definitions, formFields, next.custom_fields, 'required') : []),
    ];
    if (missing.length > 0) {
      const keys = [...new Set(missing.map((definition) => definition.key))];
      throw new AppError('TICKET_FIELDS_REQUIRED', 400, `These fields need a value${solving ? ' before the ticket is solved' : ''}: ${keys.join(', ')}`, {
        errors: keys.map((key) => ({ path: `body.custom_fields.${key}`, message: 'is required' })),
      });
    }
  }
  return next;
}
