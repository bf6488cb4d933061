import { z } from 'zod';
import {
  IdParams as idParams,
  InboundEmail, InboundEmailPage, InboundEmailQuery, Mailbox, MailboxCreateBody, MailboxList, MailboxTestBody, MailboxTestResult,
  MailboxUpdateBody,
} from '@switchboard/contracts';
import { requireActor } from '../../platform/auth-context/actor.ts';
import type { HttpServer } from '../../platform/http/create-http-server.ts';
import type { InboundSummary } from './inbound/inbound.repo.ts';
import type { InboundService } from './inbound/inbound.service.ts';
import { presentMailbox } from './mailboxes.presenter.ts';
import type { MailboxesService } from './mailboxes.service.ts';

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

function presentInbound(row: InboundSummary): InboundEmail {
  return {
    id: String(row.id),
    mailbox_id: String(row.mailbox_id),
    mailbox_address: row.mailbox_address ?? null,
    source: row.source,
    status: row.status,
    kind: row.kind,
    reason_code: row.reason_code,
    error: row.error,
    attempts: row.attempts,
    from_address: row.from_address,
    subject: row.subject,
    message_id: row.message_id,
    size_bytes: Number(row.size_bytes),
    truncated: row.truncated,
    ticket_id: row.ticket_id === null ? null : String(row.ticket_id),
    received_at: iso(row.received_at)!,
    processed_at: iso(row.processed_at),
    raw_url: `/api/v1/inbound-emails/${row.id}/raw`,
  };
}

/** Mailboxes (admins) and the inbound mail list with its quarantine (agents too). */
export function emailRoutes(deps: { mailboxes: MailboxesService; inbound: InboundService }) {
  return async function (app: HttpServer) {
    const tags = ['email'];
    app.get('/mailboxes', { schema: { tags, summary: 'List mailboxes', response: { 200: MailboxList } } }, async (request) => ({
      data: (await deps.mailboxes.list(requireActor(request))).map(presentMailbox),
    }));
    app.post('/mailboxes', { schema: { tags, summary: 'Create a mailbox', body: MailboxCreateBody, response: { 201: Mailbox } } }, async (request, reply) =>
      reply.status(201).send(presentMailbox(await deps.mailboxes.create(requireActor(request), request.body))),
    );
    app.get('/mailboxes/:id', { schema: { tags, summary: 'One mailbox', params: idParams, response: { 200: Mailbox } } }, async (request) =>
      presentMailbox(await deps.mailboxes.get(requireActor(request), request.params.id)),
    );
    app.patch(
      '/mailboxes/:id',
      { schema: { tags, summary: 'Update a mailbox (omitted passwords are kept)', params: idParams, body: MailboxUpdateBody, response: { 200: Mailbox } } },
      async (request) => presentMailbox(await deps.mailboxes.update(requireActor(request), request.params.id, request.body)),
    );
    app.delete('/mailboxes/:id', { schema: { tags, summary: 'Delete a mailbox and its inbound mail', params: idParams } }, async (request, reply) => {
      await deps.mailboxes.remove(requireActor(request), request.params.id);
      return reply.status(204).send();
    });
    app.post(
      '/mailboxes/:id/test',
      { schema: { tags, summary: "Connect to the mailbox's IMAP or SMTP server and report its answer", params: idParams, body: MailboxTestBody, response: { 200: MailboxTestResult } } },
      async (request) => deps.mailboxes.test(requireActor(request), request.params.id, request.body.target),
    );

    app.get(
      '/inbound-emails',
      { schema: { tags, summary: 'Inbound mail, newest first (status=quarantined: the quarantine)', querystring: InboundEmailQuery, response: { 200: InboundEmailPage } } },
      async (request) => {
        const page = await deps.inbound.list(requireActor(request), request.query);
        return { data: page.data.map(presentInbound), next_cursor: page.next_cursor };
      },
    );
    app.get('/inbound-emails/:id', { schema: { tags, summary: 'One inbound message', params: idParams, response: { 200: InboundEmail } } }, async (request) =>
      presentInbound(await deps.inbound.get(requireActor(request), request.params.id)),
    );
    app.get('/inbound-emails/:id/raw', { schema: { tags, summary: 'The raw message as received (.eml)', params: idParams } }, async (request, reply) => {
      const raw = await deps.inbound.raw(requireActor(request), request.params.id);
      return reply
        .header('content-type', 'message/rfc822')
        .header('content-disposition', `attachment; filename="inbound-${request.params.id}.eml"`)
        .header('x-content-type-options', 'nosniff')
        .send(raw);
    });
    app.post('/inbound-emails/:id/retry', { schema: { tags, summary: 'Process the message again', params: idParams, response: { 200: InboundEmail } } }, async (request) =>
      presentInbound(await deps.inbound.retry(requireActor(request), request.params.id)),
    );
    app.post(
      '/inbound-emails/:id/create-ticket',
      { schema: { tags, summary: 'Turn the message into a ticket whatever it looked like', params: idParams, response: { 200: z.object({ ticket_id: z.string() }) } } },
      async (request) => deps.inbound.createTicket(requireActor(request), request.params.id),
    );
  };
}
