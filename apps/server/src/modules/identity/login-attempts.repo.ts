import { sql } from 'kysely';
import type { BackoffPolicy } from './domain/login-backoff.ts';
import { lockDurationMs } from './domain/login-backoff.ts';
import type { IdentityDb } from './identity.tables.ts';

/**
 * Failed sign-ins per key ("ip:..." or "email:..."), on the owner connection (the table has no
 * tenant: it is read before anyone is known). The count is bumped atomically; a quiet period
 * longer than the policy's reset window starts it again.
 */
export async function lockedUntil(db: IdentityDb, keys: string[]): Promise<Date | null> {
  const row = await db
    .selectFrom('login_attempts')
    .select(sql<Date | null>`max(locked_until)`.as('until'))
    .where('key', 'in', keys)
    .where('locked_until', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return row?.until ?? null;
}

export async function recordLoginFailure(db: IdentityDb, key: string, policy: BackoffPolicy): Promise<number> {
  const resetSeconds = policy.resetAfterMs / 1000;
  const row = await db
    .insertInto('login_attempts')
    .values({ key, failures: 1, updated_at: sql`now()` as never })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql`case when login_attempts.updated_at < now() - make_interval(secs => ${resetSeconds})
          then 1 else login_attempts.failures + 1 end`,
        updated_at: sql`now()` as never,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  const lockMs = lockDurationMs(row.failures, policy);
  if (lockMs > 0) {
    await db
      .updateTable('login_attempts')
      .set({ locked_until: sql`now() + make_interval(secs => ${lockMs / 1000})` as never })
      .where('key', '=', key)
      .execute();
  }
  return row.failures;
}

export async function clearLoginFailures(db: IdentityDb, key: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', '=', key).execute();
}
