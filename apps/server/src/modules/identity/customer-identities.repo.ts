import { sql } from 'kysely';
import type { IdentityKind } from './domain/identity-values.ts';
import type { IdentityDb } from './identity.tables.ts';

/** Queries over user_identities; every function takes the transaction. */
export interface IdentityRow {
  id: string;
  user_id: string;
  kind: IdentityKind;
  value: string;
  value_normalized: string;
  is_primary: boolean;
  verified_at: Date | null;
  created_at: Date;
  created_by: string | null;
}

const columns = ['id', 'user_id', 'kind', 'value', 'value_normalized', 'is_primary', 'verified_at', 'created_at', 'created_by'] as const;

/** A user's identities: primary first within each kind, kinds in a fixed order. */
export async function identitiesOf(trx: IdentityDb, tenantId: string, userId: string): Promise<IdentityRow[]> {
  return trx
    .selectFrom('user_identities')
    .select([...columns])
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .orderBy(sql`array_position(array['email','phone','wechat','chat_visitor'], kind)`)
    .orderBy('is_primary', 'desc')
    .orderBy('id')
    .execute() as Promise<IdentityRow[]>;
}

export async function findIdentity(trx: IdentityDb, tenantId: string, id: string): Promise<IdentityRow | undefined> {
  return trx.selectFrom('user_identities').select([...columns]).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst() as Promise<
    IdentityRow | undefined
  >;
}

export async function findIdentityByValue(trx: IdentityDb, tenantId: string, kind: IdentityKind, normalized: string): Promise<IdentityRow | undefined> {
  return trx
    .selectFrom('user_identities')
    .select([...columns])
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', kind)
    .where('value_normalized', '=', normalized)
    .executeTakeFirst() as Promise<IdentityRow | undefined>;
}

/** Inserts the identity; undefined when the value already belongs to someone (the caller says whom). */
export async function insertIdentity(
  trx: IdentityDb,
  tenantId: string,
  values: { userId: string; kind: IdentityKind; value: string; normalized: string; isPrimary: boolean; createdBy: string | null },
): Promise<IdentityRow | undefined> {
  return trx
    .insertInto('user_identities')
    .values({
      tenant_id: tenantId,
      user_id: values.userId,
      kind: values.kind,
      value: values.value,
      value_normalized: values.normalized,
      is_primary: values.isPrimary,
      created_by: values.createdBy,
    })
    .onConflict((oc) => oc.constraint('user_identities_value_key').doNothing())
    .returning([...columns])
    .executeTakeFirst() as Promise<IdentityRow | undefined>;
}

export async function markVerified(trx: IdentityDb, tenantId: string, id: string): Promise<void> {
  await trx
    .updateTable('user_identities')
    .set({ verified_at: sql`coalesce(verified_at, now())` as never })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

/**
 * Makes this identity the user's primary one of its kind. Two statements: the unique index on
 * one primary per kind is checked row by row, so the old primary must step down first.
 */
export async function makePrimary(trx: IdentityDb, tenantId: string, identity: { id: string; user_id: string; kind: IdentityKind }): Promise<void> {
  await trx
    .updateTable('user_identities')
    .set({ is_primary: false })
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', identity.user_id)
    .where('kind', '=', identity.kind)
    .where('is_primary', '=', true)
    .where('id', '!=', identity.id)
    .execute();
  await trx.updateTable('user_identities').set({ is_primary: true }).where('tenant_id', '=', tenantId).where('id', '=', identity.id).execute();
}

export async function deleteIdentity(trx: IdentityDb, tenantId: string, id: string): Promise<void> {
  await trx.deleteFrom('user_identities').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/**
 * Sets users.email or users.phone to the primary identity's value (or null), the mirror that
 * sign-in and mail read. The users update trigger (migration 0700) then finds identities already
 * in step and does nothing.
 */
export async function mirrorPrimary(trx: IdentityDb, tenantId: string, userId: string, column: 'email' | 'phone', value: string | null): Promise<void> {
  await trx
    .updateTable('users')
    .set({ [column]: value, updated_at: sql`now()` as never })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .execute();
}

/** Every identity of `fromUserId` moves to `toUserId`, as secondary ones (identities are unique per tenant: no duplicates). */
export async function moveIdentities(trx: IdentityDb, tenantId: string, fromUserId: string, toUserId: string): Promise<void> {
  await trx
    .updateTable('user_identities')
    .set({ user_id: toUserId, is_primary: false })
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', fromUserId)
    .execute();
}
