import { sql, type Transaction } from 'kysely';
import type { Changes } from './domain/diff.ts';

export interface MessageRow {
  id: string;
  ticket_id: string;
  author_id: string | null;
  public: boolean;
  body: string;
  body_html: string | null;
  via: string;
  /** Channel details: `email` (addresses, folded quote, inbound id) and `delivery` (outbound state). */
  metadata: Record<string, any>;
  created_at: Date;
}

export interface AttachmentRow {
  id: string;
  message_id: string | null;
  ticket_id: string | null;
  uploader_id: string | null;
  upload_token: string;
  file_name: string;
  content_type: string;
  size_bytes: string;
  sha256: string;
  storage_key: string;
  created_at: Date;
}

export interface EventRow {
  id: string;
  ticket_id: string;
  type: string;
  actor_type: string;
  actor_id: string | null;
  via: string;
  changes: Changes;
  data: Record<string, unknown>;
  created_at: Date;
}

export type EventInsert = Omit<EventRow, 'id' | 'created_at'>;

/** Messages, attachments and the ticket's event log. Every method runs in the caller's transaction. */
export function messagesRepo(trx: Transaction<any>, tenantId: string) {
  return {
    async insertMessage(message: Omit<MessageRow, 'id' | 'created_at' | 'metadata'> & { metadata?: Record<string, unknown> }): Promise<MessageRow> {
      const result = await sql<MessageRow>`
        insert into messages (tenant_id, ticket_id, author_id, public, body, body_html, via, metadata)
        values (${tenantId}, ${message.ticket_id}, ${message.author_id}, ${message.public}, ${message.body},
          ${message.body_html}, ${message.via}, ${JSON.stringify(message.metadata ?? {})}::jsonb)
        returning id, ticket_id, author_id, public, body, body_html, via, metadata, created_at`.execute(trx);
      return result.rows[0]!;
    },

    async listMessages(ticketId: string, options: { publicOnly: boolean; afterId?: string; limit: number }): Promise<MessageRow[]> {
      const result = await sql<MessageRow>`
        select id, ticket_id, author_id, public, body, body_html, via, metadata, created_at from messages
        where tenant_id = ${tenantId} and ticket_id = ${ticketId}
          ${options.publicOnly ? sql`and public` : sql``}
          ${options.afterId ? sql`and id > ${options.afterId}` : sql``}
        order by id limit ${options.limit}`.execute(trx);
      return result.rows;
    },

    async attachmentsOf(messageIds: string[]): Promise<AttachmentRow[]> {
      if (messageIds.length === 0) return [];
      const result = await sql<AttachmentRow>`select * from attachments
        where tenant_id = ${tenantId} and message_id = any(${messageIds}::bigint[]) order by id`.execute(trx);
      return result.rows;
    },

    async insertAttachment(row: Omit<AttachmentRow, 'id' | 'created_at' | 'message_id' | 'ticket_id'>): Promise<AttachmentRow> {
      const result = await sql<AttachmentRow>`
        insert into attachments (tenant_id, uploader_id, upload_token, file_name, content_type, size_bytes, sha256, storage_key)
        values (${tenantId}, ${row.uploader_id}, ${row.upload_token}, ${row.file_name}, ${row.content_type},
          ${row.size_bytes}, ${row.sha256}, ${row.storage_key})
        returning *`.execute(trx);
      return result.rows[0]!;
    },

    async findAttachment(id: string): Promise<(AttachmentRow & { message_public: boolean | null }) | null> {
      const result = await sql<AttachmentRow & { message_public: boolean | null }>`
        select a.*, m.public as message_public from attachments a
        left join messages m on m.tenant_id = a.tenant_id and m.id = a.message_id
        where a.tenant_id = ${tenantId} and a.id = ${id}`.execute(trx);
      return result.rows[0] ?? null;
    },

    /** The uploader's own unbound uploads among `tokens` (locked, so two messages cannot bind one). */
    async claimableUploads(tokens: string[], uploaderId: string): Promise<AttachmentRow[]> {
      const result = await sql<AttachmentRow>`select * from attachments
        where tenant_id = ${tenantId} and upload_token = any(${tokens}::text[]) and uploader_id = ${uploaderId}
          and message_id is null for update`.execute(trx);
      return result.rows;
    },

    async bindAttachments(ids: string[], messageId: string, ticketId: string): Promise<void> {
      await sql`update attachments set message_id = ${messageId}, ticket_id = ${ticketId}
        where tenant_id = ${tenantId} and id = any(${ids}::bigint[])`.execute(trx);
    },

    /**
     * Inserts the event and, in the same statement, its outbox reaction on `topic`: `payload`
     * plus the new event's id (one round trip, where a ticket write makes several events).
     */
    async insertEvent(event: EventInsert, at: Date, reaction: { topic: string; payload: Record<string, unknown> }): Promise<EventRow> {
      const result = await sql<EventRow>`
        with event as (
          insert into ticket_events (tenant_id, ticket_id, type, actor_type, actor_id, via, changes, data, created_at)
          values (${tenantId}, ${event.ticket_id}, ${event.type}, ${event.actor_type}, ${event.actor_id}, ${event.via},
            ${JSON.stringify(event.changes)}::jsonb, ${JSON.stringify(event.data)}::jsonb, ${at})
          returning *
        ), queued as (
          insert into outbox (tenant_id, topic, payload)
          select tenant_id, ${reaction.topic}, ${JSON.stringify(reaction.payload)}::jsonb || jsonb_build_object('event_id', id::text) from event
        )
        select * from event`.execute(trx);
      return result.rows[0]!;
    },

    async listEvents(ticketId: string, options: { afterId?: string; limit: number }): Promise<EventRow[]> {
      const result = await sql<EventRow>`select * from ticket_events
        where tenant_id = ${tenantId} and ticket_id = ${ticketId} ${options.afterId ? sql`and id > ${options.afterId}` : sql``}
        order by id limit ${options.limit}`.execute(trx);
      return result.rows;
    },
  };
}

export type MessagesRepo = ReturnType<typeof messagesRepo>;
