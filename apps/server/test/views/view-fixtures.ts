import { sql } from 'kysely';
import type { Database } from '../../src/platform/db/database.ts';
import type { TicketFacts } from '../../src/modules/views/domain/predicates.ts';
import { createGroup, createOrganization, createTenant, createUser } from '../helpers/factories.ts';

/**
 * A tenant with six tickets spread over every field a view can test, written straight into the
 * table (fast, and every field under control). `now` is the instant the time conditions use.
 */
export interface ViewWorld {
  tenantId: string;
  now: Date;
  ids: Record<string, string>;
  /** label -> ticket id */
  tickets: Record<string, string>;
  rows: () => Promise<Array<TicketFacts & { id: string }>>;
}

const HOUR = 3_600_000;

export async function buildViewWorld(db: Database): Promise<ViewWorld> {
  const { tenant } = await createTenant(db);
  const tenantId = tenant.id;
  const now = new Date('2026-03-10T12:00:00.000Z');
  const ago = (hours: number) => new Date(now.getTime() - hours * HOUR);
  const g1 = await createGroup(db, tenantId);
  const g2 = await createGroup(db, tenantId);
  const me = await createUser(db, tenantId, { groupIds: [g1] });
  const other = await createUser(db, tenantId, { groupIds: [g2] });
  const c1 = await createUser(db, tenantId, { role: 'customer' });
  const c2 = await createUser(db, tenantId, { role: 'customer' });
  const org = await createOrganization(db, tenantId);
  const statuses = await sql<{ id: string; category: string }>`select id, category from ticket_statuses where tenant_id = ${tenantId}`.execute(db.system);
  const status = Object.fromEntries(statuses.rows.map((row) => [row.category, row.id]));
  const ids = { g1, g2, me: me.id, other: other.id, c1: c1.id, c2: c2.id, org, ...Object.fromEntries(Object.entries(status).map(([k, v]) => [`status_${k}`, v])) };

  const specs: Array<[string, Record<string, unknown>]> = [
    ['t1', { status_category: 'new', priority: 'normal', assignee_id: null, group_id: g1, via: 'email', tags: ['vip'], custom_fields: { plan: 'gold' }, created_at: ago(1), updated_at: ago(1), requester_id: c1.id }],
    ['t2', { status_category: 'open', priority: 'high', assignee_id: me.id, group_id: g1, via: 'web', tags: ['vip', 'refund'], custom_fields: { plan: 'silver', size: 3 }, created_at: ago(72), updated_at: ago(2), requester_id: c2.id, organization_id: org }],
    ['t3', { status_category: 'pending', priority: 'low', assignee_id: other.id, group_id: g2, type: 'incident', via: 'api', tags: [], custom_fields: { flags: ['x', 'y'] }, created_at: ago(240), updated_at: ago(120) }],
    ['t4', { status_category: 'on_hold', priority: 'urgent', assignee_id: me.id, group_id: null, type: 'question', via: 'chat', tags: ['refund'], custom_fields: { plan: '', vip: true }, created_at: ago(30), updated_at: ago(25) }],
    ['t5', { status_category: 'solved', priority: 'normal', assignee_id: other.id, group_id: g2, via: 'email', tags: ['spam'], custom_fields: {}, created_at: ago(100), updated_at: ago(48), solved_at: ago(48) }],
    ['t6', { status_category: 'closed', priority: 'low', assignee_id: null, group_id: null, via: 'web', tags: [], custom_fields: { size: 10 }, created_at: new Date('2025-01-01T00:00:00Z'), updated_at: ago(2400), solved_at: ago(2400) }],
  ];
  const tickets: Record<string, string> = {};
  let number = 1000;
  for (const [label, spec] of specs) {
    number += 1;
    const row: Record<string, any> = { requester_id: c1.id, organization_id: null, type: null, solved_at: null, ...spec };
    const inserted = await sql<{ id: string }>`insert into tickets (tenant_id, number, subject, status_id, status_category, priority, type,
        requester_id, assignee_id, group_id, organization_id, via, tags, custom_fields, created_at, updated_at, solved_at)
      values (${tenantId}, ${number}, ${label}, ${status[row.status_category as string]}, ${row.status_category}, ${row.priority}, ${row.type},
        ${row.requester_id}, ${row.assignee_id}, ${row.group_id}, ${row.organization_id}, ${row.via}, ${row.tags}::text[],
        ${JSON.stringify(row.custom_fields)}::jsonb, ${row.created_at}, ${row.updated_at}, ${row.solved_at})
      returning id`.execute(db.system);
    tickets[label] = inserted.rows[0]!.id;
  }
  const rows = async () =>
    (await sql<TicketFacts & { id: string }>`select id, status_category, status_id, assignee_id, group_id, priority, type, via, requester_id,
        organization_id, tags, custom_fields, created_at, updated_at, solved_at from tickets where tenant_id = ${tenantId} order by id`.execute(db.system)).rows;
  return { tenantId, now, ids, tickets, rows };
}
