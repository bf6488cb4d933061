import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const LOCK_KEY = 'switchboard:migrate';

export function listMigrations(): string[] {
  return fs
    .readdirSync(migrationsDir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort();
}

/**
 * Applies pending migrations, forward only, each in its own transaction. An advisory lock lets
 * several nodes start at once: one migrates, the others wait and find nothing left to do.
 */
export async function migrate(url: string, log: (message: string) => void = () => undefined): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', [LOCK_KEY]);
    await client.query(
      'create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())',
    );
    const applied = new Set((await client.query<{ name: string }>('select name from schema_migrations')).rows.map((r) => r.name));
    const done: string[] = [];
    for (const name of listMigrations()) {
      if (applied.has(name)) continue;
      const sql = fs.readFileSync(path.join(migrationsDir, name), 'utf8');
      await client.query('begin');
      try {
        await client.query(sql);
        await client.query('insert into schema_migrations (name) values ($1)', [name]);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        const hint = (error as { hint?: string }).hint;
        throw new Error(`Migration ${name} failed: ${(error as Error).message}${hint ? ` (${hint})` : ''}`);
      }
      log(`applied ${name}`);
      done.push(name);
    }
    return done;
  } finally {
    await client.query('select pg_advisory_unlock(hashtext($1))', [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

/** Names of migrations in the code that the database has not applied yet (readiness check). */
export async function pendingMigrations(pool: pg.Pool): Promise<string[]> {
  const result = await pool
    .query<{ name: string }>('select name from schema_migrations')
    .catch(() => ({ rows: [] as Array<{ name: string }> }));
  const applied = new Set(result.rows.map((row) => row.name));
  return listMigrations().filter((name) => !applied.has(name));
}
