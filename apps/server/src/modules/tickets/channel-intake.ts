import { createHash, randomBytes } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { PLANNED_EACH_TIME } from '../../platform/db/prepared-statements.ts';
import { publishNotice } from '../../platform/realtime/notices.ts';
import { cleanFileName } from './domain/attachment-types.ts';
import type { EventAuthor } from './tickets.events.ts';
import { messagesRepo, type AttachmentRow, type MessageRow } from './messages.repo.ts';
import { ticketSetup } from './config.repo.ts';
import { ticketsRepo, type TicketRecord, type UserRef } from './tickets.repo.ts';
import { resolveTicketState, type TicketState } from './ticket-input.ts';
import { insertNewTicket, type MessageInput } from './ticket-writes.ts';

/**
 * What channels (email, later chat and WeChat) call inside their own transaction: every
 * contact ends in the same ticket writes, events and reactions as the web and the API.
 */
export interface ChannelTicketInput {
  subject: string;
  requesterId: string;
  submitterId: string | null;
  groupId: string | null;
  ccIds: string[];
  /** The requester, CCs and others the channel read in this transaction: not read again. */
  knownUsers?: ReadonlyArray<UserRef>;
  author: EventAuthor;
  message: MessageInput;
  /** Uploads the channel registered for this message in this transaction (registerChannelUploads). */
  channelUploads?: AttachmentRow[];
  now: Date;
}

export async function openChannelTicket(
  trx: Transaction<any>,
  tenantId: string,
  input: ChannelTicketInput,
): Promise<{ ticket: TicketRecord; message: MessageRow; attachments: AttachmentRow[] }> {
  const repo = ticketsRepo(trx, tenantId);
  const base: TicketState = {
    subject: input.subject, status_id: '', status_category: 'new', priority: 'normal', type: null, category_id: null,
    requester_id: '', assignee_id: null, group_id: null, organization_id: null, form_id: null, external_id: null,
    tags: [], custom_fields: {}, cc_ids: [], follower_ids: [], solved_at: null, closed_at: null,
  };
  const state = await resolveTicketState(
    trx, tenantId, base,
    {
      subject: input.subject, requester_id: input.requesterId, status: 'new', group_id: input.groupId,
      cc_ids: input.ccIds.filter((id) => id !== input.requesterId), form_id: (await ticketSetup(trx, tenantId)).defaultForm?.id ?? null,
    },
    // A channel cannot answer a required-field question: required fields apply to agents' saves.
    { creating: true, byCustomer: true, now: input.now, knownUsers: input.knownUsers },
  );
  return insertNewTicket(trx, tenantId, {
    state, author: input.author, submitterId: input.submitterId, message: input.message, channelUploads: input.channelUploads, now: input.now,
  });
}

/** The ticket as it is now (no lock), e.g. to check who may see what a channel attached to it. */
export async function findTicket(trx: Transaction<any>, tenantId: string, id: string): Promise<TicketRecord | null> {
  return ticketsRepo(trx, tenantId).find(id);
}

/** The ticket, locked for a write. */
export async function lockTicket(trx: Transaction<any>, tenantId: string, id: string): Promise<TicketRecord | null> {
  return ticketsRepo(trx, tenantId).find(id, { forUpdate: true });
}

/** Planned each time: a generic plan made on a fresh table kept another index that starts with tenant_id (see PLANNED_EACH_TIME). */
export async function ticketIdByNumber(trx: Transaction<any>, tenantId: string, number: number): Promise<string | null> {
  const { rows } = await sql<{ id: string }>`${sql.raw(PLANNED_EACH_TIME)} select id from tickets where tenant_id = ${tenantId} and number = ${number}`.execute(trx);
  return rows[0]?.id ?? null;
}

/**
 * Attachments that arrived by a channel (bytes already in storage under `storageKey`), as uploads
 * of `uploaderId`, in one statement: the channel hands them to the message it writes in this
 * transaction as `channelUploads` (no token claim needed).
 */
export async function registerChannelUploads(
  trx: Transaction<any>,
  tenantId: string,
  uploaderId: string,
  files: ReadonlyArray<{ fileName: string; contentType: string; content: Buffer; storageKey: string }>,
): Promise<AttachmentRow[]> {
  return messagesRepo(trx, tenantId).insertAttachments(files.map((file) => ({
    uploader_id: uploaderId,
    upload_token: `att_${randomBytes(24).toString('base64url')}`,
    file_name: cleanFileName(file.fileName),
    content_type: file.contentType,
    size_bytes: String(file.content.length),
    sha256: createHash('sha256').update(file.content).digest('hex'),
    storage_key: file.storageKey,
  })));
}

/** The outbound state of a message on its channel (sending, sent, failed: reason), shown on the message. */
export async function recordMessageDelivery(
  trx: Transaction<any>,
  tenantId: string,
  messageId: string,
  delivery: { status: string; attempts: number; error: string | null; sent_at: string | null; to?: string[]; cc?: string[] },
): Promise<void> {
  const { rows } = await sql<{ ticket_id: string; requester_id: string; assignee_id: string | null; group_id: string | null }>`
    with changed as (
      update messages set metadata = jsonb_set(metadata, '{delivery}', ${JSON.stringify(delivery)}::jsonb)
      where tenant_id = ${tenantId} and id = ${messageId} returning ticket_id)
    select t.id::text as ticket_id, t.requester_id::text, t.assignee_id::text, t.group_id::text
    from changed join tickets t on t.tenant_id = ${tenantId} and t.id = changed.ticket_id`.execute(trx);
  const ticket = rows[0];
  if (!ticket) return;
  // An open ticket page shows "sending failed" (or "sent") without a reload; staff only.
  await publishNotice(trx, {
    tenantId, type: 'message.updated', id: String(messageId), ticketId: ticket.ticket_id,
    audience: { requesterId: ticket.requester_id, assigneeId: ticket.assignee_id, groupId: ticket.group_id, staffOnly: true },
  });
}
