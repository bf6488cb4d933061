import type { z } from 'zod';
import type { Attachment, Message, Ticket, TicketEvent } from '@switchboard/contracts';
import type { Actor } from '../../platform/auth-context/actor.ts';
import type { TicketRecord } from './tickets.repo.ts';
import type { AttachmentRow, EventRow, MessageRow } from './messages.repo.ts';
import { seesInternal } from './tickets.policy.ts';

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** The API shape of a ticket; followers are staff-only. */
export function presentTicket(row: TicketRecord, viewer: Actor): Ticket {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    status: row.status_category,
    status_id: row.status_id,
    status_name: row.status_name,
    priority: row.priority,
    type: row.type,
    category_id: row.category_id,
    requester_id: row.requester_id,
    submitter_id: row.submitter_id,
    assignee_id: row.assignee_id,
    group_id: row.group_id,
    organization_id: row.organization_id,
    form_id: row.form_id,
    via: row.via,
    external_id: row.external_id,
    tags: row.tags,
    custom_fields: row.custom_fields,
    cc_ids: row.cc_ids,
    ...(seesInternal(viewer) ? { follower_ids: row.follower_ids } : {}),
    version: row.version,
    created_at: iso(row.created_at)!,
    updated_at: iso(row.updated_at)!,
    solved_at: iso(row.solved_at),
    closed_at: iso(row.closed_at),
  };
}

export function presentAttachment(row: AttachmentRow): z.infer<typeof Attachment> {
  return {
    id: row.id,
    file_name: row.file_name,
    content_type: row.content_type,
    size: Number(row.size_bytes),
    url: `/api/v1/attachments/${row.id}`,
  };
}

export function presentMessage(row: MessageRow, attachments: AttachmentRow[]): Message {
  return {
    id: row.id,
    ticket_id: row.ticket_id,
    author_id: row.author_id,
    public: row.public,
    body: row.body,
    html_body: row.body_html,
    via: row.via,
    attachments: attachments.filter((attachment) => attachment.message_id === row.id).map(presentAttachment),
    email: presentMessageEmail(row.metadata ?? {}),
    created_at: iso(row.created_at)!,
  };
}

/** The email side of a message, from what the email channel keeps in its metadata. */
function presentMessageEmail(metadata: Record<string, any>): Message['email'] {
  const email = metadata.email as Record<string, any> | undefined;
  const delivery = metadata.delivery as Record<string, any> | undefined;
  if (!email && !delivery) return null;
  return {
    from: email?.from ?? null,
    to: email?.to ?? delivery?.to ?? [],
    cc: email?.cc ?? delivery?.cc ?? [],
    subject: email?.subject ?? null,
    quoted_text: email?.quoted_text ?? null,
    quoted_html: email?.quoted_html ?? null,
    inbound_id: email?.inbound_id ?? null,
    raw_url: email?.inbound_id ? `/api/v1/inbound-emails/${email.inbound_id}/raw` : null,
    delivery: delivery
      ? { status: delivery.status, attempts: delivery.attempts ?? 0, error: delivery.error ?? null, sent_at: delivery.sent_at ?? null }
      : null,
  };
}

export function presentEvent(row: EventRow): z.infer<typeof TicketEvent> {
  return {
    id: row.id,
    ticket_id: row.ticket_id,
    type: row.type,
    actor_type: row.actor_type,
    actor_id: row.actor_id,
    via: row.via,
    changes: row.changes,
    data: row.data,
    created_at: iso(row.created_at)!,
  };
}
