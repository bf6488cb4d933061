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

export type MessageInsert = Omit<MessageRow, 'id' | 'created_at' | 'metadata'> & { metadata?: Record<string, unknown> };

const MESSAGE_COLUMNS = sql`id, ticket_id, author_id, public, body, body_html, via, metadata, created_at`;

/**
 * Two CTEs for a statement whose CTE `from` (a new ticket or message) an event is about: `event`,
 * its ticket_events row, and `queued`, its outbox reaction (payload plus event_id, ticket_id and
 * the event's data). The event's data gets the new row's number (ticket) or id (message_id).
 */
export function eventOfRow(tenantId: string, from: 'ticket' | 'message', event: EventInsert, at: Date, reaction: { topic: string; payload: Record<string, unknown> }) {
  const ticketId = from === 'ticket' ? sql`s.id` : sql`s.ticket_id`;
  const own = from === 'ticket' ? sql`jsonb_build_object('number', s.number::text)` : sql`jsonb_build_object('message_id', s.id::text)`;
  return sql`event as (
      insert into ticket_events (tenant_id, ticket_id, type, actor_type, actor_id, via, changes, data, created_at)
      select ${tenantId}, ${ticketId}, ${event.type}, ${event.actor_type}, ${event.actor_id}, ${event.via},
        ${JSON.stringify(event.changes)}::jsonb, ${JSON.stringify(event.data)}::jsonb || ${own}, ${at}
      from ${sql.table(from)} s
      returning id, ticket_id, data
    ), queued as (
      insert into outbox (tenant_id, topic, payload)
      select ${tenantId}, ${reaction.topic},
        ${JSON.stringify(reaction.payload)}::jsonb || jsonb_build_object('event_id', e.id::text, 'ticket_id', e.ticket_id::text, 'data', e.data)
      from event e
    )`;
}

/** Messages, attachments and the ticket's event log. Every method runs in the caller's transaction. */
export function messagesRepo(trx: Transaction<any>, tenantId: string) {
  return {
    /**
     * The message, its event (data.message_id set to the new message's id) and the event's outbox
     * reaction (payload plus event_id and the event's data), in one statement.
     */
    async insertMessageWithEvent(message: MessageInsert, event: EventInsert, at: Date, reaction: { topic: string; payload: Record<string, unknown> }): Promise<MessageRow> {
      const result = await sql<MessageRow>`
        with message as (
          insert into messages (tenant_id, ticket_id, author_id, public, body, body_html, via, metadata)
          values (${tenantId}, ${message.ticket_id}, ${message.author_id}, ${message.public}, ${message.body},
            ${message.body_html}, ${message.via}, ${JSON.stringify(message.metadata ?? {})}::jsonb)
          returning ${MESSAGE_COLUMNS}
        ),
        ${eventOfRow(tenantId, 'message', event, at, reaction)}
        select * from message`.execute(trx);
      return result.rows[0]!;
    },

    async listMessages(ticketId: string, options: { publicOnly: boolean; afterId?: string; limit: number }): Promise<MessageRow[]> {
      const result = await sql<MessageRow>`
        select ${MESSAGE_COLUMNS} from messages
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
