import { sql } from 'kysely';
import type { Role } from '../../platform/auth-context/actor.ts';
import type { IdentityDb, Locale, TicketAccess } from './identity.tables.ts';

/** A user as services see it: never the password hash. */
export interface UserRow {
  id: string;
  tenant_id: string;
  role: Role;
  name: string;
  email: string | null;
  phone: string | null;
  locale: Locale | null;
  time_zone: string | null;
  organization_id: string | null;
  vip_level: number;
  tags: string[];
  external_id: string | null;
  active: boolean;
  ticket_access: TicketAccess;
  last_login_at: Date | null;
  created_at: Date;
  updated_at: Date;
  group_ids: string[];
}

const userColumns = [
  'users.id',
  'users.tenant_id',
  'users.role',
  'users.name',
  'users.email',
  'users.phone',
  'users.locale',
  'users.time_zone',
  'users.organization_id',
  'users.vip_level',
  'users.tags',
  'users.external_id',
  'users.active',
  'users.ticket_access',
  'users.last_login_at',
  'users.created_at',
  'users.updated_at',
] as const;

const groupIds = sql<string[]>`array(select gm.group_id::text from group_members gm
  where gm.tenant_id = users.tenant_id and gm.user_id = users.id order by gm.group_id)`.as('group_ids');

function selectUsers(trx: IdentityDb, tenantId: string) {
  return trx.selectFrom('users').select([...userColumns, groupIds]).where('users.tenant_id', '=', tenantId);
}

export async function findUserById(trx: IdentityDb, tenantId: string, id: string): Promise<UserRow | undefined> {
  return selectUsers(trx, tenantId).where('users.id', '=', id).executeTakeFirst() as Promise<UserRow | undefined>;
}

export async function findUserByEmail(trx: IdentityDb, tenantId: string, email: string): Promise<UserRow | undefined> {
  return selectUsers(trx, tenantId).where(sql`lower(users.email)`, '=', email.toLowerCase()).executeTakeFirst() as Promise<
    UserRow | undefined
  >;
}

export async function findUsersByIds(trx: IdentityDb, tenantId: string, ids: string[]): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  return selectUsers(trx, tenantId).where('users.id', 'in', ids).orderBy('users.id').execute() as Promise<UserRow[]>;
}

export interface UserFilter {
  roles?: Role[];
  q?: string;
  organizationId?: string;
  groupId?: string;
  ids?: string[];
  active?: boolean;
  after?: string;
  limit: number;
}

export async function listUsers(trx: IdentityDb, tenantId: string, filter: UserFilter): Promise<UserRow[]> {
  let query = selectUsers(trx, tenantId);
  if (filter.roles?.length) query = query.where('users.role', 'in', filter.roles);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[%_\\]/g, '\\$&')}%`;
    // Any identity matches too (a secondary email, a phone as written): the merge dialog finds duplicates by them.
    query = query.where((eb) =>
      eb.or([
        eb('users.name', 'ilike', pattern),
        eb('users.email', 'ilike', pattern),
        eb(
          'users.id',
          'in',
          eb.selectFrom('user_identities').select('user_identities.user_id').where('user_identities.tenant_id', '=', tenantId).where('user_identities.value', 'ilike', pattern),
        ),
      ]),
    );
  }
  if (filter.organizationId) query = query.where('users.organization_id', '=', filter.organizationId);
  if (filter.ids?.length) query = query.where('users.id', 'in', filter.ids);
  if (filter.active !== undefined) query = query.where('users.active', '=', filter.active);
  if (filter.groupId) {
    const groupId = filter.groupId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('group_members')
          .select('group_members.user_id')
          .whereRef('group_members.tenant_id', '=', 'users.tenant_id')
          .whereRef('group_members.user_id', '=', 'users.id')
          .where('group_members.group_id', '=', groupId),
      ),
    );
  }
  if (filter.after) query = query.where('users.id', '>', filter.after);
  return query.orderBy('users.id').limit(filter.limit + 1).execute() as Promise<UserRow[]>;
}

export interface NewUser {
  role: Role;
  name: string;
  email?: string | null;
  phone?: string | null;
  password_hash?: string | null;
  locale?: Locale | null;
  time_zone?: string | null;
  organization_id?: string | null;
  vip_level?: number;
  tags?: string[];
  external_id?: string | null;
  ticket_access?: TicketAccess;
}

/**
 * Inserts a user; undefined when the email (or external id) is already taken in the tenant,
 * including an email another person has as a secondary identity (the identities trigger of
 * migration 0700 refuses it with a unique violation).
 */
export async function insertUser(trx: IdentityDb, tenantId: string, values: NewUser): Promise<string | undefined> {
  try {
    const row = await trx
      .insertInto('users')
      .values({ tenant_id: tenantId, ...values })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id;
  } catch (error) {
    if ((error as { code?: string }).code === '23505') return undefined;
    throw error;
  }
}

export type UserPatch = Partial<Omit<NewUser, 'password_hash'>> & { password_hash?: string; active?: boolean };

/** Applies a patch; 'conflict' when the new email or external id belongs to someone else. */
export async function updateUser(
  trx: IdentityDb,
  tenantId: string,
  id: string,
  patch: UserPatch,
): Promise<'ok' | 'conflict'> {
  try {
    await trx
      .updateTable('users')
      .set({ ...patch, updated_at: sql`now()` as never })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    return 'ok';
  } catch (error) {
    if ((error as { code?: string }).code === '23505') return 'conflict';
    throw error;
  }
}

export async function passwordHashOf(trx: IdentityDb, tenantId: string, id: string): Promise<string | null> {
  const row = await trx
    .selectFrom('users')
    .select('password_hash')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.password_hash ?? null;
}

/** Active owners, locked FOR UPDATE so two concurrent demotions cannot both leave zero. */
export async function lockActiveOwners(trx: IdentityDb, tenantId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('users')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('role', '=', 'owner')
    .where('active', '=', true)
    .forUpdate()
    .execute();
  return rows.map((row) => row.id);
}

export async function organizationExists(trx: IdentityDb, tenantId: string, id: string): Promise<boolean> {
  const row = await trx
    .selectFrom('organizations')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

export async function replaceUserGroups(trx: IdentityDb, tenantId: string, userId: string, groupIds: string[]) {
  await trx.deleteFrom('group_members').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
  if (groupIds.length === 0) return;
  await trx
    .insertInto('group_members')
    .values(groupIds.map((groupId) => ({ tenant_id: tenantId, group_id: groupId, user_id: userId })))
    .execute();
}

export async function deleteSessionsOf(trx: IdentityDb, tenantId: string, userId: string) {
  await trx.deleteFrom('sessions').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
}
