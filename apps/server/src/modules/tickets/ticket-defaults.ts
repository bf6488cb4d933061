import { sql, type Transaction } from 'kysely';

/** The statuses every tenant starts with, one default per category (names in English and Chinese). */
export const DEFAULT_STATUSES = [
  { category: 'new', name: 'New', name_zh: '新建' },
  { category: 'open', name: 'Open', name_zh: '处理中' },
  { category: 'pending', name: 'Pending', name_zh: '等待客户' },
  { category: 'on_hold', name: 'On-hold', name_zh: '挂起' },
  { category: 'solved', name: 'Solved', name_zh: '已解决' },
  { category: 'closed', name: 'Closed', name_zh: '已关闭' },
] as const;

/**
 * Tenant provisioner: seeds the default statuses. Runs in the tenant-creation transaction;
 * running it again changes nothing.
 */
export async function seedTicketDefaults(trx: Transaction<any>, tenantId: string): Promise<void> {
  for (const [position, status] of DEFAULT_STATUSES.entries()) {
    await sql`insert into ticket_statuses (tenant_id, category, name, name_zh, is_default, position)
      select ${tenantId}, ${status.category}, ${status.name}, ${status.name_zh}, true, ${position}
      where not exists (select 1 from ticket_statuses where tenant_id = ${tenantId} and category = ${status.category} and is_default)
      on conflict do nothing`.execute(trx);
  }
}
