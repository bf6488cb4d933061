import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcessingThreads, type ProcessingThreadsOptions } from '../../src/modules/email/inbound/processing-threads.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { eventually } from '../platform/jobs-support.ts';
import { pendingMailTenant, rawMail, startEmailStack } from './email-support.ts';

/**
 * Inbound processing on worker threads: a turn runs on a thread with its own connections; a
 * thread that dies fails its turn and the next one starts a new thread; stopping lets turns
 * in progress finish. The email stack's worker processes mail there.
 */
describe('inbound processing threads', () => {
  let t: TestApp;
  const threadsOf = (options: Partial<ProcessingThreadsOptions> = {}) =>
    createProcessingThreads({
      threads: 1, databaseUrl: t.database.url, dataDir: t.ctx.config.dataDir, logLevel: 'silent', preparedStatements: true, logger: t.ctx.logger, ...options,
    });
  const scripted = new URL('./threads/scripted-thread.ts', import.meta.url);
  /** Connections of processing threads to this database (the test's, or an email stack's). */
  const threadConnections = async (db = t.ctx.db) =>
    Number((await sql<{ n: string }>`select count(*) as n from pg_stat_activity
      where datname = current_database() and application_name = 'switchboard-inbound'`.execute(db.system)).rows[0]!.n);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it("processes a tenant's pending mail on a thread, on connections of its own that end with it", async () => {
    const tenant = await pendingMailTenant(t, 'threaded');
    for (let n = 1; n <= 5; n += 1) await tenant.store(n);
    const threads = threadsOf();
    try {
      expect(await threads.processPending(tenant.tenantId, 4)).toEqual({ claimed: 4, deferred: 0, retryInMs: null });
      expect(await threads.processPending(tenant.tenantId, 4)).toEqual({ claimed: 1, deferred: 0, retryInMs: null });
      expect(await threadConnections()).toBeGreaterThan(0);
    } finally {
      await threads.stop();
    }
    const rows = await tenant.rows();
    expect(rows.map((row) => [row.status, row.attempts])).toEqual(Array(5).fill(['processed', 1]));
    expect(new Set(rows.map((row) => row.ticket_id)).size).toBe(5);
    await eventually(async () => (await threadConnections()) === 0);
    await expect(threads.processPending(tenant.tenantId, 4)).rejects.toThrow(/stopped/);
  });

  it('fails the turn of a thread that dies, and runs the next turn on a new thread', async () => {
    const threads = threadsOf({ threadModule: scripted });
    try {
      threads.start();
      await expect(threads.processPending('exit', 1)).rejects.toThrow(/exited with code 3/);
      // The second thread started (index 1) answers.
      expect(await threads.processPending('1', 7)).toEqual({ claimed: 1, deferred: 7, retryInMs: null });
    } finally {
      await threads.stop();
    }
  });

  it('frees the rows a dying thread held: its transaction ends with it', async () => {
    const tenant = await pendingMailTenant(t, 'dying');
    const id = await tenant.store(1);
    const threads = threadsOf({ threadModule: scripted });
    try {
      await expect(threads.processPending('lock-and-exit', Number(id))).rejects.toThrow(/exited with code 4/);
    } finally {
      await threads.stop();
    }
    // Another node can take it: the dead thread's lock is gone (PostgreSQL ends its backend on the closed socket).
    const locked = await eventually(() => t.ctx.db.systemTx(async (trx) =>
      (await sql<{ id: string }>`select id::text from inbound_emails where id = ${id} for update nowait`.execute(trx)).rows), 10_000);
    expect(locked).toEqual([{ id }]);
    expect((await tenant.rows())[0]).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it("passes a turn's error on with its message, and the thread goes on serving", async () => {
    const threads = threadsOf({ threadModule: scripted });
    try {
      await expect(threads.processPending('fail', 1)).rejects.toThrow('the database refused');
      expect(await threads.processPending('1', 2)).toEqual({ claimed: 0, deferred: 2, retryInMs: null });
    } finally {
      await threads.stop();
    }
  });

  it('gives side-by-side turns to different threads', async () => {
    const threads = threadsOf({ threads: 2, threadModule: scripted });
    try {
      const slow = threads.processPending('slow', 1);
      const quick = threads.processPending('1', 1);
      expect([(await slow).claimed, (await quick).claimed]).toEqual([0, 1]);
    } finally {
      await threads.stop();
    }
  });

  it('lets a turn in progress finish when stopped', async () => {
    const tenant = await pendingMailTenant(t, 'stopping');
    for (let n = 1; n <= 3; n += 1) await tenant.store(n);
    const threads = threadsOf();
    const turn = threads.processPending(tenant.tenantId, 10);
    await threads.stop();
    expect(await turn).toEqual({ claimed: 3, deferred: 0, retryInMs: null });
    expect((await tenant.rows()).map((row) => row.status)).toEqual(['processed', 'processed', 'processed']);
  });

  it("is where the email stack's worker processes mail", async () => {
    const s = await startEmailStack({ env: { SWITCHBOARD_INBOUND_THREADS: '1' } });
    try {
      const messageId = `stack-${s.tenant.tenant.id}@example.cn`;
      await s.deliver(rawMail({ From: 'li.lei@example.cn', To: s.mailbox.address, Subject: '线程处理', 'Message-ID': `<${messageId}>` }, '你好'));
      expect(await s.inboundByMessageId(messageId)).toMatchObject({ status: 'processed' });
      expect(await threadConnections(s.t.ctx.db)).toBeGreaterThan(0);
    } finally {
      await s.close();
    }
  });
});
