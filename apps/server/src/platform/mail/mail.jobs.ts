import { z } from 'zod';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger/logger.ts';
import type { JobDefinition, ReactionConsumer } from '../queue/job.ts';
import { MAIL_QUEUED_TOPIC } from './mail-outbox.ts';
import { createMailSender, type MailSender } from './mail-sender.ts';
import { createSmtpTransport } from './mail-transport.ts';

export const MAIL_SEND_CONSUMER = 'mail.send';
export const MAIL_SWEEP_JOB = 'mail.send-due';
export const MAIL_PRUNE_JOB = 'mail.prune';

/**
 * The mail reaction (send a mail right after it is queued) and the sweep (every minute: mails
 * queued while SMTP was unset or down, due for another try) and the daily pruning of old sent mail.
 */
export function createMailJobs(deps: {
  db: Database;
  logger: Logger;
  config: { SMTP_URL?: string; MAIL_FROM: string };
  sender?: MailSender;
}): { consumer: ReactionConsumer; sweep: JobDefinition<Record<string, never>>; prune: JobDefinition<Record<string, never>> } {
  const sender =
    deps.sender ?? createMailSender({ db: deps.db, logger: deps.logger, transport: createSmtpTransport(deps.config.SMTP_URL), from: deps.config.MAIL_FROM });
  const payload = z.object({ mail_id: z.string().regex(/^\d{1,18}$/) });
  return {
    consumer: {
      name: MAIL_SEND_CONSUMER,
      topics: [MAIL_QUEUED_TOPIC],
      handle: async (event) => {
        const parsed = payload.safeParse(event.payload);
        if (!parsed.success) return 'skipped';
        return (await sender.sendOne(event.tenantId, parsed.data.mail_id)) === 'sent' ? 'done' : 'skipped';
      },
    },
    sweep: {
      name: MAIL_SWEEP_JOB,
      payload: z.object({}).strict(),
      cron: '* * * * *',
      handler: async (_payload, { logger }) => {
        const sent = await sender.sendDue();
        if (sent) logger.info({ sent }, 'queued mail sent');
        return sent > 0 ? 'done' : 'skipped';
      },
    },
    prune: {
      name: MAIL_PRUNE_JOB,
      payload: z.object({}).strict(),
      cron: '37 4 * * *',
      handler: async (_payload, { logger }) => {
        const removed = await sender.prune();
        logger.info({ removed }, 'old mail pruned');
        return removed > 0 ? 'done' : 'skipped';
      },
    },
  };
}
