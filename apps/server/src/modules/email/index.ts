import path from 'node:path';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { createSecretBox, instanceSecretKey } from '../../platform/crypto/secret-box.ts';
import { consumeEachOnce } from '../../platform/events/consume-once.ts';
import { enqueueReaction } from '../../platform/events/outbox.ts';
import type { HttpServer } from '../../platform/http/create-http-server.ts';
import type { JobDefinition, ReactionConsumer } from '../../platform/queue/job.ts';
import { batchedConsumer } from '../../platform/queue/reactions.ts';
import { createLocalDiskStorage } from '../../platform/storage/local-disk-storage.ts';
import type { FileStorage } from '../../platform/storage/storage.ts';
import { TICKET_EVENT_TOPIC } from '../tickets/index.ts';
import { emailRoutes } from './email.routes.ts';
import { createImapPoller } from './inbound/imap-poll.ts';
import { createInboundService } from './inbound/inbound.service.ts';
import { createInboundProcessor } from './inbound/process-inbound.ts';
import { EMAIL_RECEIVED_TOPIC } from './inbound/receive.ts';
import { createMailboxesService } from './mailboxes.service.ts';
import { createDeliverySender } from './outbound/delivery-sender.ts';
import { EMAIL_DELIVERY_TOPIC } from './outbound/deliveries.repo.ts';
import { queueReplyDelivery } from './outbound/reply-queue.ts';

export { startSmtpListener, type SmtpListener } from './inbound/smtp-listener.ts';
export { receiveInbound, EMAIL_RECEIVED_TOPIC } from './inbound/receive.ts';

export const EMAIL_IMAP_DUE_TOPIC = 'email.imap-due';
const id = z.union([z.string().regex(/^\d{1,18}$/), z.number().int().positive()]).transform(String);
// Built once: a zod schema built per event cost 2% of the intake's CPU.
const payloads = {
  inbound_id: z.object({ inbound_id: id }),
  delivery_id: z.object({ delivery_id: id }),
  mailbox_id: z.object({ mailbox_id: id }),
};
const idPayload = <K extends keyof typeof payloads>(key: K) => payloads[key];

/**
 * The email channel: mailboxes, the built-in SMTP listener and IMAP pull (inbound stored raw
 * first, then processed into tickets), replies and acknowledgements sent after commit.
 * Attachments share the tickets module's storage (<dataDir>/files).
 */
export function createEmailModule(ctx: Pick<AppContext, 'db' | 'config' | 'logger'>, options: { storage?: FileStorage } = {}) {
  const { db, logger, config } = ctx;
  const storage = options.storage ?? createLocalDiskStorage(path.join(config.dataDir, 'files'));
  const secrets = createSecretBox(instanceSecretKey(config));
  const processor = createInboundProcessor({ db, storage, logger });
  const sender = createDeliverySender({ db, logger, secrets, storage, instanceSmtpUrl: config.SMTP_URL });
  const poller = createImapPoller({ db, logger, secrets });
  const mailboxes = createMailboxesService({ db, secrets, instanceSmtpUrl: config.SMTP_URL });
  const inbound = createInboundService({ db, processor });

  const consumers: ReactionConsumer[] = [
    {
      name: 'email.process-inbound',
      topics: [EMAIL_RECEIVED_TOPIC],
      handle: async (event) => {
        const parsed = idPayload('inbound_id').safeParse(event.payload);
        return parsed.success ? processor.process(event.tenantId, parsed.data.inbound_id, { asyncCommit: true }) : 'skipped';
      },
      // Batches keep a burst cheap; small ones, so a batch holds its tickets' locks briefly, and two
      // at a time, so parsing (Node) and writing (PostgreSQL) overlap on two cores.
      handleBatch: async (events) => {
        const stored = events.flatMap((event) => {
          const parsed = idPayload('inbound_id').safeParse(event.payload);
          return parsed.success ? [{ tenantId: event.tenantId, id: parsed.data.inbound_id }] : [];
        });
        for (const [tenantId, group] of Map.groupBy(stored, (entry) => entry.tenantId)) {
          await processor.processBatch(tenantId, group.map((entry) => entry.id));
        }
      },
      batchSize: 10,
      concurrency: 6,
    },
    {
      name: 'email.send-delivery',
      topics: [EMAIL_DELIVERY_TOPIC],
      handle: async (event) => {
        const parsed = idPayload('delivery_id').safeParse(event.payload);
        return parsed.success && (await sender.sendOne(event.tenantId, parsed.data.delivery_id)) === 'sent' ? 'done' : 'skipped';
      },
    },
    batchedConsumer({
      // Public staff replies on email tickets become deliveries (once per message event).
      name: 'email.queue-replies',
      topics: [TICKET_EVENT_TOPIC],
      wants: (payload) =>
        payload.type === 'message.created' && payload.public === true && (payload.data as { by_customer?: boolean } | undefined)?.by_customer !== true,
      handleBatch: async (events) => {
        const replies = events.flatMap((event) => {
          const payload = event.payload as { type?: string; public?: boolean; data?: { message_id?: string | number } };
          if (payload.type !== 'message.created' || payload.public !== true || payload.data?.message_id === undefined) return [];
          return [{ ...event, messageId: String(payload.data.message_id) }];
        });
        return consumeEachOnce(db, 'email.queue-replies', replies, async (trx, fresh, tenantId) => {
          for (const reply of fresh) await queueReplyDelivery(trx, tenantId, reply.messageId);
        });
      },
    }),
    {
      name: 'email.imap-poll',
      topics: [EMAIL_IMAP_DUE_TOPIC],
      handle: async (event) => {
        const parsed = idPayload('mailbox_id').safeParse(event.payload);
        if (!parsed.success) return 'skipped';
        return (await poller.poll(event.tenantId, parsed.data.mailbox_id)) ? 'done' : 'skipped';
      },
    },
  ];

  const jobs: JobDefinition<Record<string, never>>[] = [
    {
      // Every minute: one poll job per mailbox whose interval has passed; they run side by side.
      name: 'email.imap-schedule',
      payload: z.object({}).strict(),
      cron: '* * * * *',
      handler: async () => {
        const due = await poller.claimDue();
        for (const mailbox of due) {
          await db.tenantTx(mailbox.tenant_id, (trx) => enqueueReaction(trx, mailbox.tenant_id, EMAIL_IMAP_DUE_TOPIC, { mailbox_id: mailbox.id }));
        }
        return due.length > 0 ? 'done' : 'skipped';
      },
    },
    {
      // Deliveries due again (retries, rate-limited, queued while SMTP was down or unset).
      name: 'email.send-due',
      payload: z.object({}).strict(),
      cron: '* * * * *',
      handler: async (_payload, context) => {
        const sent = await sender.sendDue();
        if (sent > 0) context.logger.info({ sent }, 'due email deliveries sent');
        return sent > 0 ? 'done' : 'skipped';
      },
    },
    {
      // Inbound mail left pending (its job exhausted its retries while the database was away).
      name: 'email.process-stale',
      payload: z.object({}).strict(),
      cron: '*/5 * * * *',
      handler: async () => {
        const { rows } = await sql<{ tenant_id: string; id: string }>`select tenant_id::text, id::text from inbound_emails
          where status = 'pending' and received_at < now() - interval '2 minutes' order by received_at limit 500`.execute(db.system);
        for (const row of rows) await processor.process(row.tenant_id, row.id).catch(() => undefined);
        return rows.length > 0 ? 'done' : 'skipped';
      },
    },
  ];

  return {
    consumers,
    jobs,
    sender,
    poller,
    routes: async (app: HttpServer) => {
      await app.register(emailRoutes({ mailboxes, inbound }));
    },
  };
}
