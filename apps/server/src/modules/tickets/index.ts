// The tickets module's public surface: other modules import from here only.
import type { AppContext } from '../../app/context.ts';
import type { Actor } from '../../platform/auth-context/actor.ts';
import type { HttpServer } from '../../platform/http/create-http-server.ts';
import type { JobDefinition } from '../../platform/queue/job.ts';
import type { FileStorage } from '../../platform/storage/storage.ts';
import { createLocalDiskStorage } from '../../platform/storage/local-disk-storage.ts';
import path from 'node:path';
import { attachmentsRoutes } from './attachments.routes.ts';
import { createAttachmentsService } from './attachments.service.ts';
import { configRoutes } from './config.routes.ts';
import { createConfigService } from './config.service.ts';
import { createAutoCloseJob } from './jobs/auto-close.job.ts';
import { createMessagesService } from './messages.service.ts';
import { ticketsRoutes } from './tickets.routes.ts';
import { createTicketsService } from './tickets.service.ts';

export { seedTicketDefaults, DEFAULT_STATUSES } from './ticket-defaults.ts';
export { presentTicket } from './tickets.presenter.ts';
export type { TicketRecord } from './tickets.repo.ts';
export type { AttachmentRow } from './messages.repo.ts';
export { TICKET_EVENT_TOPIC, TICKET_EVENTS, type TicketEventType } from './tickets.events.ts';
export { AUTO_CLOSE_JOB, DEFAULT_AUTO_CLOSE_DAYS } from './jobs/auto-close.job.ts';
export { openChannelTicket, findTicket, lockTicket, ticketIdByNumber, registerChannelUploads, recordMessageDelivery } from './channel-intake.ts';
export { canSeeTicket } from './tickets.policy.ts';
export { replyInTicket } from './ticket-replies.ts';
export { decideContentType } from './domain/attachment-types.ts';
export { sanitizeMessageHtml } from './domain/html.ts';
export type { EventAuthor } from './tickets.events.ts';
export type { MessageInput } from './ticket-writes.ts';
export { STATUS_CATEGORIES, LIVE_CATEGORIES, type StatusCategory } from './domain/status.ts';

/** The module's background jobs (the worker runs them; the scheduler fires their crons). */
export function ticketJobs(ctx: Pick<AppContext, 'db'>): JobDefinition<any>[] {
  return [createAutoCloseJob({ db: ctx.db })];
}

/**
 * Tickets, messages, attachments, their history, and the configuration they use.
 * `routes` is the Fastify plugin mounted at /api/v1. Attachments are stored under
 * <dataDir>/files unless another storage is given.
 */
export function createTicketsModule(ctx: Pick<AppContext, 'db' | 'config' | 'logger'>, options: { storage?: FileStorage } = {}) {
  const storage = options.storage ?? createLocalDiskStorage(path.join(ctx.config.dataDir, 'files'));
  const maxBytes = ctx.config.SWITCHBOARD_MAX_ATTACHMENT_BYTES;
  const tickets = createTicketsService({ db: ctx.db });
  const messages = createMessagesService({ db: ctx.db });
  const config = createConfigService({ db: ctx.db });
  const attachments = createAttachmentsService({ db: ctx.db, storage, maxBytes, logger: ctx.logger });
  return {
    tickets,
    messages,
    config,
    attachments,
    /** For realtime presence: who may hear about a ticket the actor may see; null when they may not see it. */
    presenceAudience: async (actor: Actor, ticketId: string) => {
      if (actor.role === 'customer') return null;
      const ticket = await tickets.get(actor, ticketId).catch(() => null);
      return ticket ? { requesterId: ticket.requester_id, assigneeId: ticket.assignee_id, groupId: ticket.group_id } : null;
    },
    routes: async (app: HttpServer) => {
      await app.register(ticketsRoutes({ tickets, messages }));
      await app.register(configRoutes({ config }));
      await app.register(attachmentsRoutes({ attachments, maxBytes }));
    },
  };
}
