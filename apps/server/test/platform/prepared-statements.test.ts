import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config/config.ts';
import { createDatabase } from '../../src/platform/db/database.ts';
import { PLANNED_EACH_TIME, prepareStatementsOf } from '../../src/platform/db/prepared-statements.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

/**
 * The pool prepares parameterised statements once per connection; full-text matches and queries
 * without parameters keep the unnamed path. Checked on one connection through pg_prepared_statements.
 */
describe('prepared statements', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  const preparedTexts = async (trx: Parameters<Parameters<TestDatabase['db']['systemTx']>[0]>[0]) =>
    (await sql<{ statement: string }>`select statement from pg_prepared_statements where name like 'sb_%'`.execute(trx)).rows.map((row) => row.statement);

  it('names a parameterised query once per connection and reuses it', async () => {
    await database.db.systemTx(async (trx) => {
      for (const n of [1, 2, 3]) {
        const { rows } = await sql<{ doubled: number }>`select ${n}::int * 2 as doubled`.execute(trx);
        expect(rows[0]!.doubled).toBe(n * 2);
      }
      const texts = await preparedTexts(trx);
      expect(texts.filter((text) => text.includes('* 2 as doubled'))).toHaveLength(1);
    });
  });

  it('leaves full-text matches and queries without parameters unnamed (several statements still run)', async () => {
    await database.db.systemTx(async (trx) => {
      const { rows } = await sql<{ hit: boolean }>`select to_tsvector('simple', 'refund late') @@ to_tsquery('simple', ${'refund'}) as hit`.execute(trx);
      expect(rows[0]!.hit).toBe(true);
      await sql.raw(`select 1; select 2`).execute(trx);
      const texts = await preparedTexts(trx);
      expect(texts.some((text) => text.includes('@@'))).toBe(false);
      expect(texts.some((text) => text.includes('select 1; select 2'))).toBe(false);
    });
  });

  it('plans a statement marked PLANNED_EACH_TIME afresh each time: it is never prepared', async () => {
    await database.db.systemTx(async (trx) => {
      const lookup = (marked: boolean) => sql<{ n: number }>`${sql.raw(marked ? PLANNED_EACH_TIME : '')} select ${7}::int + 1 as n`;
      for (let run = 0; run < 8; run += 1) {
        for (const marked of [false, true]) expect((await lookup(marked).execute(trx)).rows[0]!.n).toBe(8);
      }
      const texts = (await preparedTexts(trx)).filter((text) => text.includes('::int + 1 as n'));
      expect(texts).toHaveLength(1);
      expect(texts[0]).not.toContain(PLANNED_EACH_TIME);
    });
  });

  it('keeps working when a prepared statement fails to run', async () => {
    const divide = (by: number) => sql<{ q: number }>`select 10 / ${by}::int as q`.execute(database.db.system);
    await expect(divide(0)).rejects.toThrow(/division by zero/);
    expect((await divide(5)).rows[0]!.q).toBe(2);
  });

  it('can be turned off (a pooler in transaction mode): then nothing is prepared', async () => {
    expect(loadConfig({ SWITCHBOARD_PREPARED_STATEMENTS: 'false' }).SWITCHBOARD_PREPARED_STATEMENTS).toBe(false);
    expect(loadConfig({}).SWITCHBOARD_PREPARED_STATEMENTS).toBe(true);
    const plain = createDatabase(database.url, { max: 1, preparedStatements: false });
    try {
      await plain.systemTx(async (trx) => {
        expect((await sql<{ n: number }>`select ${20}::int + 1 as n`.execute(trx)).rows[0]!.n).toBe(21);
        expect(await preparedTexts(trx)).toEqual([]);
      });
    } finally {
      await plain.close();
    }
  });

  it('prepares the queries of pg.Pool#query too (callback style, as pg-boss claims and completes jobs)', async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    prepareStatementsOf(pool);
    try {
      for (const n of [4, 5]) expect((await pool.query('select $1::int * 3 as tripled', [n])).rows[0].tripled).toBe(n * 3);
      const { rows } = await pool.query("select statement from pg_prepared_statements where name like 'sb_%'");
      expect(rows.map((row: { statement: string }) => row.statement)).toEqual(['select $1::int * 3 as tripled']);
      // A failure reaches the callback (the pool then drops that connection) and the next query runs.
      await expect(pool.query('select 10 / $1::int as q', [0])).rejects.toThrow(/division by zero/);
      expect((await pool.query('select 10 / $1::int as q', [5])).rows[0].q).toBe(2);
    } finally {
      await pool.end();
    }
  });

  it('names a statement anew when a migration changed its result type under it (another node, mid-deploy)', async () => {
    const one = createDatabase(database.url, { max: 1 });
    try {
      await sql`create table probe_rows (id int primary key, label text)`.execute(one.system);
      await sql`insert into probe_rows values (1, 'a')`.execute(one.system);
      const read = () => sql<Record<string, unknown>>`select * from probe_rows where id = ${1}`.execute(one.system);
      expect((await read()).rows[0]).toEqual({ id: 1, label: 'a' });
      await sql`alter table probe_rows add column extra int`.execute(one.system);
      await expect(read()).rejects.toThrow(/cached plan must not change result type/);
      expect((await read()).rows[0]).toEqual({ id: 1, label: 'a', extra: null });
    } finally {
      await one.close();
    }
  });
});
