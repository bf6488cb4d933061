import { sql } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import { pruneLinks } from './identity-links.repo.ts';
import type { IdentityDb } from './identity.tables.ts';

/**
 * Housekeeping for a scheduled job (idempotent, any tenant): sessions expired for a day, and
 * login failure counters idle for a day and no longer locking anything, one-time links expired
 * or used a day ago.
 */
export async function pruneIdentityData(db: Database): Promise<{ sessions: number; loginAttempts: number; links: number }> {
  const system: IdentityDb = db.system;
  const sessions = await system.deleteFrom('sessions').where('expires_at', '<', sql<Date>`now() - interval '1 day'`).executeTakeFirst();
  const attempts = await system
    .deleteFrom('login_attempts')
    .where('updated_at', '<', sql<Date>`now() - interval '1 day'`)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', sql<Date>`now()`)]))
    .executeTakeFirst();
  const links = await pruneLinks(system);
  return { sessions: Number(sessions.numDeletedRows), loginAttempts: Number(attempts.numDeletedRows), links };
}
