import { sql, type RawBuilder } from 'kysely';

interface ThreadEntry {
  ticketId: string;
  mailboxId: string;
  replyToken: string;
}

interface RefEntry {
  messageIdHeader: string;
  ticketId: string;
  messageId: string;
}

/**
 * The email threads (a ticket's reply token and mailbox) and received Message-IDs that one
 * transaction's messages create, written together at its end (in its last statement) instead
 * of one statement per message. Until then the transaction's own threading asks this journal
 * first (a reply in the same batch as the message it answers), and a rolled-back savepoint
 * forgets what it added.
 */
export function emailThreadJournal() {
  let threads: ThreadEntry[] = [];
  let refs: RefEntry[] = [];
  return {
    /**
     * Makes the ticket's thread with `newToken` unless this transaction made one, and remembers
     * the Message-ID of the mail that landed on it (first writer wins). The token given is the
     * thread's for a ticket this transaction created; an older ticket with a thread in the table
     * keeps that one (the write skips it).
     */
    ensure(ticketId: string, mailboxId: string, newToken: () => string, received: { messageIdHeader: string | null; messageId: string }): { reply_token: string } {
      let thread = threads.find((entry) => entry.ticketId === ticketId);
      if (!thread) threads.push((thread = { ticketId, mailboxId, replyToken: newToken() }));
      if (received.messageIdHeader) refs.push({ messageIdHeader: received.messageIdHeader, ticketId, messageId: received.messageId });
      return { reply_token: thread.replyToken };
    },
    ticketForToken: (token: string): string | null => threads.find((entry) => entry.replyToken === token)?.ticketId ?? null,
    /** The ticket the latest of these Message-IDs landed on in this transaction. */
    ticketForMessageIds(ids: readonly string[]): string | null {
      const wanted = new Set(ids);
      return refs.findLast((entry) => wanted.has(entry.messageIdHeader))?.ticketId ?? null;
    },
    mark: () => ({ threads: threads.length, refs: refs.length }),
    rollbackTo(mark: { threads: number; refs: number }) {
      threads = threads.slice(0, mark.threads);
      refs = refs.slice(0, mark.refs);
    },
    /** The writes of what it holds (none when empty), for the transaction's last statement; it is then empty. */
    drain(tenantId: string): RawBuilder<unknown>[] {
      const [newThreads, newRefs] = [threads, refs];
      threads = [];
      refs = [];
      // In the order they were made: the first Message-ID of a pair wins, as written one by one.
      return [
        ...(newThreads.length > 0
          ? [sql`insert into ticket_email_threads (tenant_id, ticket_id, mailbox_id, reply_token)
              select ${tenantId}, t.ticket_id, t.mailbox_id, t.reply_token
              from unnest(${newThreads.map((entry) => entry.ticketId)}::bigint[], ${newThreads.map((entry) => entry.mailboxId)}::bigint[],
                ${newThreads.map((entry) => entry.replyToken)}::text[]) with ordinality as t(ticket_id, mailbox_id, reply_token, n)
              order by t.n
              on conflict (tenant_id, ticket_id) do nothing`]
          : []),
        ...(newRefs.length > 0
          ? [sql`insert into email_message_refs (tenant_id, message_id_header, ticket_id, message_id, direction)
              select ${tenantId}, r.header, r.ticket_id, r.message_id, 'in'
              from unnest(${newRefs.map((entry) => entry.messageIdHeader)}::text[], ${newRefs.map((entry) => entry.ticketId)}::bigint[],
                ${newRefs.map((entry) => entry.messageId)}::bigint[]) with ordinality as r(header, ticket_id, message_id, n)
              order by r.n
              on conflict do nothing`]
          : []),
      ];
    },
  };
}

export type EmailThreadJournal = ReturnType<typeof emailThreadJournal>;
