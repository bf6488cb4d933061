import { sql, type Transaction } from 'kysely';

/**
 * Records a reaction to run after commit. Written in the caller's transaction, so the reaction
 * exists exactly when the change does. The dispatcher turns rows into jobs.
 */
export async function enqueueReaction(
  trx: Transaction<any>,
  tenantId: string,
  topic: string,
  payload: Record<string, unknown>,
): Promise<void> {
  await sql`insert into outbox (tenant_id, topic, payload) values (${tenantId}, ${topic}, ${JSON.stringify(payload)}::jsonb)`.execute(trx);
}
