import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishStatement, storeInbound, type InboundStoreItem } from '../../src/modules/email/inbound/inbound.repo.ts';
import { createIntakeQueue } from '../../src/modules/email/inbound/intake-queue.ts';
import { inboundStoreItem } from '../../src/modules/email/inbound/receive.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createTenantWithRoles } from '../helpers/factories.ts';
import { rawMail } from './email-support.ts';

class PlanOf extends Error {
  readonly plan: string;
  constructor(plan: string) {
    super('rolled back');
    this.plan = plan;
  }
}

/** The SMTP listener's group commit: what concurrent sessions hand in while a store runs goes in the next, together. */
describe('inbound intake queue', () => {
  let t: TestApp;
  let tenantId: string;
  let mailboxId: string;
  let address: string;

  beforeAll(async () => {
    t = await createTestApp();
    const tenant = await createTenantWithRoles(t.ctx.db);
    tenantId = tenant.tenant.id;
    address = `intake-${tenantId}@acme.test`;
    const created = await t.app.inject({
      method: 'POST', url: '/api/v1/mailboxes', headers: bearer(tenant.tokens.admin),
      payload: { address, name: 'Intake', auto_ack_enabled: false, outbound: { mode: 'disabled' } },
    });
    expect(created.statusCode).toBe(201);
    mailboxId = created.json().id;
  });
  afterAll(async () => {
    await t.close();
  });

  const item = (n: number, options: { mailboxId?: string; maxBytes?: number; bodyBytes?: number } = {}) => {
    const body = options.bodyBytes ? 'x'.repeat(options.bodyBytes) : `第 ${n} 封`;
    const raw = Buffer.from(rawMail({ From: `buyer${n}@example.cn`, To: address, Subject: `排队 ${n}`, 'Message-ID': `<queue-${n}-${tenantId}@example.cn>` }, body));
    return inboundStoreItem(tenantId, {
      mailbox_id: options.mailboxId ?? mailboxId, source: 'smtp', envelope_from: `buyer${n}@example.cn`, envelope_to: [address],
      size_bytes: raw.length, raw, truncated: false, maxBytes: options.maxBytes ?? 25 * 1024 * 1024,
    });
  };
  /** storeInbound on the owner connection, recording the size of every group. */
  const recordingStore = () => {
    const groups: number[] = [];
    const store = (items: InboundStoreItem[]) => {
      groups.push(items.length);
      return storeInbound(t.ctx.db.system, items);
    };
    return { groups, queue: createIntakeQueue(store) };
  };
  const storedRows = async (ids: string[]) =>
    (await sql<{ id: string; message_id: string; status: string }>`select e.id::text, e.message_id, e.status
      from inbound_emails e where e.tenant_id = ${tenantId} and e.id = any(${ids}::bigint[]) order by e.id`.execute(t.ctx.db.system)).rows;

  it('stores a lone message at once, and the ones that arrive meanwhile together, each under its own id, pending', async () => {
    const { groups, queue } = recordingStore();
    const items = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => item(n)));
    const ids = await Promise.all(items.map((entry) => queue.store(entry)));
    expect(groups).toEqual([1, 5]);
    expect(new Set(ids).size).toBe(6);
    const rows = await storedRows(ids as string[]);
    // Each session gets the id of its own message, and they are stored in the order they came.
    expect(ids.map((id) => rows.find((row) => row.id === id)!.message_id)).toEqual([1, 2, 3, 4, 5, 6].map((n) => expect.stringContaining(`queue-${n}-${tenantId}@`)));
    expect(rows.map((row) => row.status)).toEqual(Array(6).fill('pending'));
    expect([...ids].sort((a, b) => Number(a) - Number(b))).toEqual(ids);
  });

  it('fails only the bad message of a group: the others are stored', async () => {
    const { groups, queue } = recordingStore();
    const first = queue.store(await item(10));
    const rest = [await item(11), await item(12, { mailboxId: '999999999' }), await item(13)].map((entry) => queue.store(entry));
    const [a, b, bad, c] = await Promise.allSettled([first, ...rest]);
    expect(groups.slice(0, 2)).toEqual([1, 3]);
    expect(bad!.status).toBe('rejected');
    const ids = [a, b, c].map((result) => (result!.status === 'fulfilled' ? result.value : null));
    expect(ids.every((id) => id !== null)).toBe(true);
    expect((await storedRows(ids as string[])).map((row) => row.status)).toEqual(['pending', 'pending', 'pending']);
  });

  it('stores an oversized message quarantined (not pending: nothing will process it), in the same group as the others', async () => {
    const { groups, queue } = recordingStore();
    const [lone, big, small] = await Promise.all([item(20), item(21, { maxBytes: 10 }), item(22)]);
    const ids = await Promise.all([lone, big, small].map((entry) => queue.store(entry!)));
    expect(groups).toEqual([1, 2]);
    const rows = await storedRows(ids as string[]);
    expect(rows.map((row) => row.status)).toEqual(['pending', 'quarantined', 'pending']);
  });

  it('keeps a group within its byte bound: a large message goes with fewer others', async () => {
    const { groups, queue } = recordingStore();
    const lone = queue.store(await item(30));
    const rest = [await item(31, { bodyBytes: 5 * 1024 * 1024 }), await item(32, { bodyBytes: 5 * 1024 * 1024 }), await item(33), await item(34)];
    const ids = await Promise.all([lone, ...rest.map((entry) => queue.store(entry))]);
    expect(groups).toEqual([1, 1, 3]);
    expect(new Set(ids).size).toBe(5);
  });

  it('records outcomes by the rows ids as an index condition, not by reading every row of the tenant', async () => {
    const ids = await storeInbound(t.ctx.db.system, await Promise.all([21, 22, 23].map((n) => item(n))));
    const outcome = { status: 'ignored' as const, kind: 'auto_reply' as const, reason_code: null, error: null, from_address: null, subject: null, ticket_id: null, message_ref_id: null };
    // Planned in a transaction that is rolled back, so the statistics stay as they were.
    const plan = await t.ctx.db.system.transaction().execute(async (trx) => {
      // A fresh install's first burst: plans made before autoanalyze has seen the rows. This table is
      // small here, so a sequential scan would win; the burst's table was not.
      await sql`set local enable_seqscan = off`.execute(trx);
      const { rows } = await sql<{ 'QUERY PLAN': unknown }>`explain (format json) ${finishStatement(tenantId, ids.map((id) => ({ id: id!, outcome })))}`.execute(trx);
      throw new PlanOf(JSON.stringify(rows[0]!['QUERY PLAN']));
    }).then(() => '', (error: unknown) => (error instanceof PlanOf ? error.plan : Promise.reject(error)));
    const scans = [...plan.matchAll(/"Relation Name":"inbound_emails"[^}]*?"Index Cond":"([^"]*)"/g)].map((match) => match[1]);
    expect(scans.length, plan).toBeGreaterThan(0);
    for (const condition of scans) expect(condition).toMatch(/id = ANY/);
  });
});
