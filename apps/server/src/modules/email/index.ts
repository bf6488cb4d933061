import os from 'node:os';
import path from 'node:path';
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
import { createInboundPump } from './inbound/inbound-pump.ts';
import { createInboundService } from './inbound/inbound.service.ts';
import { createInboundProcessor } from './inbound/process-inbound.ts';
import { createProcessingThreads } from './inbound/processing-threads.ts';
import { createMailboxesService } from './mailboxes.service.ts';
import { createDeliverySender } from './outbound/delivery-sender.ts';
import { EMAIL_DELIVERY_TOPIC } from './outbound/deliveries.repo.ts';
import { queueReplyDelivery } from './outbound/reply-queue.ts';

export { startSmtpListener, type SmtpListener } from './inbound/smtp-listener.ts';
export { receiveInbound } from './inbound/receive.ts';

export const EMAIL_IMAP_DUE_TOPIC = 'email.imap-due';
const id = z.union([z.string().regex(/^\d{1,18}$/), z.number().int().positive()]).transform(String);
// Built once: a zod schema built per event cost 2% of the intake's CPU.
const payloads = {
  delivery_id: z.object({ delivery_id: id }),
  mailbox_id: z.object({ mailbox_id: id }),
};
const idPayload = <K extends keyof typeof payloads>(key: K) => payloads[key];

/**
 * One processing thread beside the main thread when there is a second core. On two cores (email
 * bench, 3,000 mails, 16 alternated pairs) it processed about 5% more mail per second than none
 * (ahead in 13 pairs), for 85 MB more memory; two threads cost 120 MB more again and were no faster.
 */
function defaultInboundThreads(): number {
  return os.availableParallelism() > 1 ? 1 : 0;
}

/**
 * The email channel: mailboxes, the built-in SMTP listener and IMAP pull (inbound stored raw
 * first, then processed into tickets by the inbound pump), replies and acknowledgements sent after commit.
 * Attachments share the tickets module's storage (<dataDir>/files).
 */
export function createEmailModule(ctx: Pick<AppContext, 'db' | 'config' | 'logger'> & Partial<Pick<AppContext, 'databaseUrl'>>, options: { storage?: FileStorage } = {}) {
  const { db, logger, config } = ctx;
  const storage = options.storage ?? createLocalDiskStorage(path.join(config.dataDir, 'files'));
  const secrets = createSecretBox(instanceSecretKey(config));
  const processor = createInboundProcessor({ db, storage, logger });
  const sender = createDeliverySender({ db, logger, secrets, storage, instanceSmtpUrl: config.SMTP_URL });
  const poller = createImapPoller({ db, logger, secrets });
  const mailboxes = createMailboxesService({ db, secrets, instanceSmtpUrl: config.SMTP_URL });
  const inbound = createInboundService({ db, processor });
  // Processing threads write attachments to the data directory's storage, so a module given
  // another storage (tests) processes on the main thread.
  const threadCount = options.storage ? 0 : (config.SWITCHBOARD_INBOUND_THREADS ?? defaultInboundThreads());
  const threads = threadCount > 0 && ctx.databaseUrl
    ? createProcessingThreads({
      threads: threadCount, databaseUrl: ctx.databaseUrl, dataDir: config.dataDir, logLevel: config.LOG_LEVEL,
      preparedStatements: config.SWITCHBOARD_PREPARED_STATEMENTS, logger,
    })
    : undefined;
  // Listening only once started (the worker role); the sweep job drains through it on any worker.
  const inboundPump = createInboundPump({
    db, logger, processPending: threads?.processPending ?? processor.processPending, databaseUrl: ctx.databaseUrl, concurrency: Math.max(2, threadCount),
  });
  const pump: typeof inboundPump = {
    ...inboundPump,
    start: async () => {
      threads?.start();
      await inboundPump.start();
    },
    stop: async () => {
      await inboundPump.stop();
      await threads?.stop();
    },
  };

  const consumers: ReactionConsumer[] = [
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
      // Inbound mail the pump was not woken for: a NOTIFY lost while its listener reconnected,
      // retries due after a back-off it did not see, rows freed by a worker that died.
      name: 'email.inbound-sweep',
      payload: z.object({}).strict(),
      cron: '* * * * *',
      handler: async (_payload, context) => {
        const claimed = await pump.drain();
        if (claimed > 0) context.logger.info({ claimed }, 'pending inbound mail swept');
        return claimed > 0 ? 'done' : 'skipped';
      },
    },
  ];

  return {
    consumers,
    jobs,
    pump,
    sender,
    poller,
    routes: async (app: HttpServer) => {
      await app.register(emailRoutes({ mailboxes, inbound }));
    },
  };
}
