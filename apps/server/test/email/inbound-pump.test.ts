import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInboundPump, type InboundPumpOptions } from '../../src/modules/email/inbound/inbound-pump.ts';
import { createInboundProcessor } from '../../src/modules/email/inbound/process-inbound.ts';
import { eventually } from '../platform/jobs-support.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { holdInboundRow, pendingMailTenant, poisonRefusingStorage } from './email-support.ts';

/**
 * The inbound pump: stored mail is processed by claiming its pending rows, tenant by tenant,
 * woken by the statement that stores it; a failing message is tried again after a back-off and
 * then quarantined; pumps on several worker nodes never take the same message.
 */
describe('inbound pump', () => {
  let t: TestApp;
  /** Attachment storage that refuses files whose bytes say POISON. */
  const storage = poisonRefusingStorage();
  let processor: ReturnType<typeof createInboundProcessor>;
  const pumpOf = (options: Partial<InboundPumpOptions> = {}) =>
    createInboundPump({ db: t.ctx.db, logger: t.ctx.logger, processPending: processor.processPending, coalesceMs: 0, ...options });

  beforeAll(async () => {
    t = await createTestApp();
    processor = createInboundProcessor({ db: t.ctx.db, storage, logger: t.ctx.logger });
  });
  afterAll(async () => {
    await t.close();
  });

  const mailTenant = (label: string) => pendingMailTenant(t, label);

  it('drains a backlog of several tenants, a batch each in turn, each message once', async () => {
    const [a, b] = [await mailTenant('turns-a'), await mailTenant('turns-b')];
    for (let n = 1; n <= 5; n += 1) {
      await a.store(n);
      await b.store(n);
    }
    const turns: string[] = [];
    const pump = pumpOf({
      batchSize: 2,
      concurrency: 1,
      processPending: (tenantId, limit) => {
        turns.push(tenantId);
        return processor.processPending(tenantId, limit);
      },
    });
    expect(await pump.drain()).toBe(10);
    expect(turns.slice(0, 4)).toEqual([a.tenantId, b.tenantId, a.tenantId, b.tenantId]);
    for (const tenant of [a, b]) {
      const rows = await tenant.rows();
      expect(rows.map((row) => [row.status, row.attempts])).toEqual(Array(5).fill(['processed', 1]));
      expect(new Set(rows.map((row) => row.ticket_id)).size).toBe(5);
    }
    expect(await pump.drain()).toBe(0);
  });

  it('processes the rest of a failing batch, and tries the bad message again after a back-off, then quarantines it', async () => {
    const tenant = await mailTenant('backoff');
    await tenant.store(1);
    await tenant.storePoison(2);
    await tenant.store(3);
    expect(await processor.processPending(tenant.tenantId, 10)).toEqual({ claimed: 3, deferred: 0, retryInMs: 2000 });
    let rows = await tenant.rows();
    expect(rows.map((row) => [row.status, row.attempts])).toEqual([['processed', 1], ['pending', 1], ['processed', 1]]);
    expect(rows[1]!.retry_at!.getTime()).toBeGreaterThan(Date.now() + 1000);

    // Not due yet: the pump leaves it alone.
    expect(await processor.processPending(tenant.tenantId, 10)).toEqual({ claimed: 0, deferred: 0, retryInMs: null });
    const due = () => sql`update inbound_emails set retry_at = now() - interval '1 second' where tenant_id = ${tenant.tenantId}`.execute(t.ctx.db.system);
    await due();
    expect(await processor.processPending(tenant.tenantId, 10)).toEqual({ claimed: 1, deferred: 0, retryInMs: 4000 });
    await due();
    expect(await processor.processPending(tenant.tenantId, 10)).toEqual({ claimed: 1, deferred: 0, retryInMs: null });
    rows = await tenant.rows();
    expect(rows[1]).toMatchObject({ status: 'quarantined', reason_code: 'PROCESSING_FAILED', attempts: 3 });
  });

  it('wakes when mail is stored, and processes what was pending when it started', async () => {
    const tenant = await mailTenant('wake');
    await tenant.store(1);
    const pump = pumpOf({ databaseUrl: t.database.url });
    await pump.start();
    try {
      await eventually(async () => (await tenant.rows()).every((row) => row.status === 'processed'));
      // Stored after the pump went idle: only the statement's NOTIFY can wake it.
      await tenant.store(2);
      await tenant.store(3);
      await eventually(async () => {
        const rows = await tenant.rows();
        return rows.length === 3 && rows.every((row) => row.status === 'processed');
      });
    } finally {
      await pump.stop();
    }
  });

  it('shares a backlog between the pumps of two worker nodes without taking a message twice', async () => {
    const tenant = await mailTenant('nodes');
    for (let n = 1; n <= 30; n += 1) await tenant.store(n);
    const [first, second] = [pumpOf({ batchSize: 4 }), pumpOf({ batchSize: 4 })];
    const claimed = await Promise.all([first.drain(), second.drain()]);
    expect(claimed[0]! + claimed[1]!).toBe(30);
    const rows = await tenant.rows();
    expect(rows.map((row) => [row.status, row.attempts])).toEqual(Array(30).fill(['processed', 1]));
    expect(new Set(rows.map((row) => row.ticket_id)).size).toBe(30);
  });

  it('takes a deferred reply again once the message it answers is free, without a new wake-up', async () => {
    const tenant = await mailTenant('deferred');
    const first = await tenant.store(1);
    await tenant.store(2, { 'In-Reply-To': tenant.messageId(1), Subject: 'Re: deferred 1' });
    // Another node's batch holds the first message: the reply may not wait for it.
    const holder = await holdInboundRow(t.ctx.db, first);
    const pump = pumpOf();
    try {
      expect(await pump.drain()).toBe(1);
      expect((await tenant.rows()).map((row) => row.status)).toEqual(['pending', 'pending']);
      holder.release();
      await holder.done;
      await eventually(async () => (await tenant.rows()).every((row) => row.status === 'processed'));
      const rows = await tenant.rows();
      expect(rows[1]!.ticket_id).toBe(rows[0]!.ticket_id);
    } finally {
      await pump.stop();
    }
  });
});
