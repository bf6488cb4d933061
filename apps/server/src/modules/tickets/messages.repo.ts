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

type NewAttachment = Omit<AttachmentRow, 'id' | 'created_at' | 'message_id' | 'ticket_id'>;

export type MessageInsert = Omit<MessageRow, 'id' | 'created_at' | 'metadata'> & { metadata?: Record<string, unknown> };

const MESSAGE_COLUMNS = sql`id, ticket_id, author_id, public, body, body_html, via, metadata, created_at`;

/** The columns of the CTE `message` (see messageCte) beside another row's, prefixed `message_`. */
export const FIRST_MESSAGE_COLUMNS = sql`message.id as message_id, message.ticket_id as message_ticket_id, message.author_id as message_author_id,
  message.public as message_public, message.body as message_body, message.body_html as message_body_html, message.via as message_via,
  message.metadata as message_metadata, message.created_at as message_created_at`;
export type FirstMessageColumns = { [K in keyof MessageRow as `message_${K}`]: MessageRow[K] };

/** Splits a row read with FIRST_MESSAGE_COLUMNS into the message and the rest of the row. */
export function splitFirstMessage<T extends FirstMessageColumns>(row: T): { message: MessageRow; rest: Omit<T, keyof FirstMessageColumns> } {
  const {
    message_id: id, message_ticket_id: ticket_id, message_author_id: author_id, message_public: isPublic, message_body: body,
    message_body_html: body_html, message_via: via, message_metadata: metadata, message_created_at: created_at, ...rest
  } = row;
  return { message: { id, ticket_id, author_id, public: isPublic, body, body_html, via, metadata, created_at }, rest };
}

export type Reaction = { topic: string; payload: Record<string, unknown> };

/**
 * A CTE `name` writing the ticket_events row of an event about the new row of the CTE `from` (a
 * ticket or a message: the event's data gets its number or id as message_id) or about the same
 * ticket as the event of the CTE `{ after }` (written after it, since it reads it). It returns
 * the event's id, ticket_id and data.
 */
export function eventCte(name: string, tenantId: string, from: 'ticket' | 'message' | { after: string }, event: EventInsert, at: Date) {
  const ticketId = from === 'ticket' ? sql`s.id` : sql`s.ticket_id`;
  const own = from === 'ticket'
    ? sql` || jsonb_build_object('number', s.number::text)`
    : from === 'message' ? sql` || jsonb_build_object('message_id', s.id::text)` : sql``;
  const source = typeof from === 'string' ? sql.table(from) : sql.raw(from.after);
  return sql`${sql.raw(name)} as (
      insert into ticket_events (tenant_id, ticket_id, type, actor_type, actor_id, via, changes, data, created_at)
      select ${tenantId}, ${ticketId}, ${event.type}, ${event.actor_type}, ${event.actor_id}, ${event.via},
        ${JSON.stringify(event.changes)}::jsonb, ${JSON.stringify(event.data)}::jsonb${own}, ${at}
      from ${source} s
      returning id, ticket_id, data
    )`;
}

/**
 * The CTE `queued`: the outbox reactions of the events of these event CTEs (payload plus
 * event_id, ticket_id and the event's data), in this order (dispatch follows outbox ids).
 */
export function reactionsCte(tenantId: string, reactions: ReadonlyArray<{ eventCte: string; reaction: Reaction }>) {
  const rows = reactions.map(({ eventCte: name, reaction }, n) => sql`select ${n}::int as n, ${reaction.topic}::text as topic,
      ${JSON.stringify(reaction.payload)}::jsonb || jsonb_build_object('event_id', e.id::text, 'ticket_id', e.ticket_id::text, 'data', e.data) as payload
    from ${sql.raw(name)} e`);
  return sql`queued as (
      insert into outbox (tenant_id, topic, payload)
      select ${tenantId}, r.topic, r.payload from (${sql.join(rows, sql` union all `)}) r order by r.n
    )`;
}

/**
 * The CTE `message` writing a message, with `bound` binding the uploads it carries (claimed by
 * the caller, see claimableUploads). Its ticket is `message.ticket_id` or, for a ticket the same
 * statement creates, the ticket_id of the CTE `ticketFrom` (reading it writes that first).
 */
export function messageCte(tenantId: string, message: MessageInsert & { attachmentIds: string[] }, ticketFrom?: string) {
  const values = (ticketId: unknown) => sql`${tenantId}, ${ticketId}, ${message.author_id}, ${message.public}, ${message.body},
    ${message.body_html}, ${message.via}, ${JSON.stringify(message.metadata ?? {})}::jsonb`;
  const rows = ticketFrom ? sql`select ${values(sql`t.ticket_id`)} from ${sql.raw(ticketFrom)} t` : sql`values (${values(message.ticket_id)})`;
  const bound = message.attachmentIds.length > 0
    ? sql`, bound as (update attachments a set message_id = m.id, ticket_id = m.ticket_id from message m
        where a.tenant_id = ${tenantId} and a.id = any(${message.attachmentIds}::bigint[]))`
    : sql``;
  return sql`message as (
      insert into messages (tenant_id, ticket_id, author_id, public, body, body_html, via, metadata)
      ${rows}
      returning ${MESSAGE_COLUMNS}
    )${bound}`;
}

/** Messages, attachments and the ticket's event log. Every method runs in the caller's transaction. */
export function messagesRepo(trx: Transaction<any>, tenantId: string) {
  /** Several uploads in one statement, returned in the order given. */
  const insertAttachments = async (rows: NewAttachment[]): Promise<AttachmentRow[]> => {
    if (rows.length === 0) return [];
    const column = <K extends keyof NewAttachment>(key: K) => rows.map((row) => row[key]);
    const result = await sql<AttachmentRow>`
      with added as (
        insert into attachments (tenant_id, uploader_id, upload_token, file_name, content_type, size_bytes, sha256, storage_key)
        select ${tenantId}, r.uploader_id, r.upload_token, r.file_name, r.content_type, r.size_bytes, r.sha256, r.storage_key
        from unnest(${column('uploader_id')}::bigint[], ${column('upload_token')}::text[], ${column('file_name')}::text[], ${column('content_type')}::text[],
          ${column('size_bytes')}::bigint[], ${column('sha256')}::text[], ${column('storage_key')}::text[])
          with ordinality as r(uploader_id, upload_token, file_name, content_type, size_bytes, sha256, storage_key, n)
        order by r.n
        returning *)
      select added.* from added join unnest(${column('upload_token')}::text[]) with ordinality as o(token, n) on o.token = added.upload_token
      order by o.n`.execute(trx);
    return result.rows;
  };

  return {
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

    async insertAttachment(row: NewAttachment): Promise<AttachmentRow> {
      return (await insertAttachments([row]))[0]!;
    },

    insertAttachments,

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
