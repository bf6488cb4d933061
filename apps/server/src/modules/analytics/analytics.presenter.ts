import { z } from 'zod';
import type { DailyTicketFactRow } from './analytics.repo.ts';

export const dailyTicketFactSchema = z.object({
  day: z.string().describe('UTC calendar day, YYYY-MM-DD'),
  via: z.string().describe('Channel the tickets came through'),
  created_count: z.number().int(),
  solved_count: z.number().int(),
  public_replies: z.number().int(),
});

export const presentDailyTicketFact = (row: DailyTicketFactRow): z.infer<typeof dailyTicketFactSchema> => ({
  day: row.day,
  via: row.via,
  created_count: row.created_count,
  solved_count: row.solved_count,
  public_replies: row.public_replies,
});
