import { sql } from 'kysely';
import type { IdentityDb } from './identity.tables.ts';

/** One-time links (invitations, portal sign-in links): only the secret's hash is stored. */
export type LinkPurpose = 'invitation' | 'magic_link';

export interface LinkRow {
  tenant_id: string;
  id: string;
  purpose: LinkPurpose;
  user_id: string;
  expires_at: Date;
  used_at: Date | null;
}

export async function insertLink(
  trx: IdentityDb,
  values: { tenantId: string; purpose: LinkPurpose; userId: string; tokenHash: string; createdBy: string | null; ttlSeconds: number },
): Promise<{ id: string; expires_at: Date }> {
  return trx
    .insertInto('identity_links')
    .values({
      tenant_id: values.tenantId,
      purpose: values.purpose,
      user_id: values.userId,
      token_hash: values.tokenHash,
      created_by: values.createdBy,
      expires_at: sql`now() + make_interval(secs => ${values.ttlSeconds})` as never,
    })
    .returning(['id', 'expires_at'])
    .executeTakeFirstOrThrow();
}

/** By hash, on the owner connection (the tenant is not known yet). */
export async function findLinkByHash(db: IdentityDb, purpose: LinkPurpose, tokenHash: string): Promise<LinkRow | undefined> {
  return db
    .selectFrom('identity_links')
    .select(['tenant_id', 'id', 'purpose', 'user_id', 'expires_at', 'used_at'])
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
}

/** Marks the link used if it still is usable; the user id when this call used it, else undefined. */
export async function useLink(trx: IdentityDb, tenantId: string, id: string): Promise<string | undefined> {
  const row = await trx
    .updateTable('identity_links')
    .set({ used_at: sql`now()` as never })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id;
}

/** Ends every open link of this purpose for the user (a new invitation replaces the old one). */
export async function retireLinks(trx: IdentityDb, tenantId: string, userId: string, purpose: LinkPurpose): Promise<void> {
  await trx
    .updateTable('identity_links')
    .set({ used_at: sql`now()` as never })
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}

/** The newest open invitation per user, for the users list ("invited, expires ..."). */
export async function openInvitations(trx: IdentityDb, tenantId: string): Promise<Array<{ user_id: string; expires_at: Date }>> {
  return trx
    .selectFrom('identity_links')
    .select(['user_id', sql<Date>`max(expires_at)`.as('expires_at')])
    .where('tenant_id', '=', tenantId)
    .where('purpose', '=', 'invitation')
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .groupBy('user_id')
    .orderBy('user_id')
    .limit(1000)
    .execute();
}

/** Housekeeping: links expired or used more than a day ago. */
export async function pruneLinks(db: IdentityDb): Promise<number> {
  const result = await db
    .deleteFrom('identity_links')
    .where((eb) => eb.or([eb('expires_at', '<', sql<Date>`now() - interval '1 day'`), eb('used_at', '<', sql<Date>`now() - interval '1 day'`)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
