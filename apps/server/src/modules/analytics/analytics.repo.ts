import { sql, type Transaction } from 'kysely';
import type { DailyFactIncrement } from './domain/ticket-facts.ts';

export interface DailyTicketFactRow {
  day: string;
  via: string;
  created_count: number;
  solved_count: number;
  public_replies: number;
}

/** Adds one event's increments to its day (tenant from the transaction's app.tenant_id). */
export async function addDailyTicketFacts(trx: Transaction<any>, tenantId: string, increment: DailyFactIncrement): Promise<void> {
  await sql`
    insert into daily_ticket_facts (tenant_id, day, via, created_count, solved_count, public_replies)
    values (${tenantId}, ${increment.day}::date, ${increment.via}, ${increment.created}, ${increment.solved}, ${increment.publicReplies})
    on conflict (tenant_id, day, via) do update set
      created_count = daily_ticket_facts.created_count + excluded.created_count,
      solved_count = daily_ticket_facts.solved_count + excluded.solved_count,
      public_replies = daily_ticket_facts.public_replies + excluded.public_replies`.execute(trx);
}

/** Facts of the days from `from` to `to` inclusive, oldest first (RLS keeps them to one tenant). */
export async function listDailyTicketFacts(trx: Transaction<any>, range: { from: string; to: string }): Promise<DailyTicketFactRow[]> {
  const { rows } = await sql<DailyTicketFactRow>`
    select to_char(day, 'YYYY-MM-DD') as day, via, created_count, solved_count, public_replies
    from daily_ticket_facts
    where day between ${range.from}::date and ${range.to}::date
    order by day, via`.execute(trx);
  return rows;
}
