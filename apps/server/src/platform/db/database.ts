import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { prepareStatementsOf } from './prepared-statements.ts';

// bigint ids come back as strings from pg; we keep them as strings in JS (safe beyond 2^53),
// but counts and small integers (int4) are numbers already.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => value);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => value);

export const APP_ROLE = 'switchboard_app';

export type Tx<DB> = Transaction<DB>;

export interface Database<DB = any> {
  /** Owner connection: migrations, cross-tenant lookups (sign-in), job dispatch. Bypasses RLS. */
  system: Kysely<DB>;
  /**
   * Runs `work` in one transaction as the RLS-bound app role, scoped to one tenant.
   * `asyncCommit`: commit without waiting for the WAL flush. Only for work redone from a durable
   * source when lost (a job's effect: its completion commits synchronously afterwards, and that
   * flush covers this commit too); never for what a client was told is saved.
   */
  tenantTx: <T>(tenantId: string, work: (trx: Transaction<DB>) => Promise<T>, options?: { asyncCommit?: boolean }) => Promise<T>;
  /** Same as `system.transaction()`: for the rare cross-tenant writes (creating a tenant). */
  systemTx: <T>(work: (trx: Transaction<DB>) => Promise<T>) => Promise<T>;
  pool: pg.Pool;
  close: () => Promise<void>;
}

export function createDatabase<DB = any>(
  url: string,
  options: { max?: number; applicationName?: string; preparedStatements?: boolean } = {},
): Database<DB> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 20,
    application_name: options.applicationName ?? 'switchboard',
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its server (restart, failover) must not crash the process.
  pool.on('error', () => undefined);
  if (options.preparedStatements !== false) prepareStatementsOf(pool);
  const system = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });

  return {
    system,
    pool,
    tenantTx: (tenantId, work, options = {}) =>
      system.transaction().execute(async (trx) => {
        // Every setting is transaction-local: the pooled connection returns to the owner role
        // and to no tenant at commit or rollback.
        await sql`select set_config('role', ${APP_ROLE}, true), set_config('app.tenant_id', ${tenantId}, true),
          set_config('synchronous_commit', ${options.asyncCommit ? 'off' : 'on'}, true)`.execute(trx);
        return work(trx);
      }),
    systemTx: (work) => system.transaction().execute(work),
    close: async () => {
      await system.destroy();
    },
  };
}
