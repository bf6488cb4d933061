import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IdParams, MessageCreateBody, MessageCreated, MessagePage, PageQuery, Ticket, TicketCreateBody, TicketEventPage,
  TicketListQuery, TicketPage, TicketUpdateBody,
} from '@switchboard/contracts';
import { requireActor } from '../../platform/auth-context/actor.ts';
import { authorize } from '../../platform/auth-context/permissions.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { MessagesService } from './messages.service.ts';
import { presentEvent, presentMessage, presentTicket } from './tickets.presenter.ts';
import type { TicketsService } from './tickets.service.ts';

/** Integrators send Zendesk's envelope (`{"ticket": {...}}`); both shapes are accepted. */
async function unwrapTicketEnvelope(request: FastifyRequest) {
  const body = request.body as Record<string, unknown> | null;
  if (body && typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 1) {
    const inner = body.ticket;
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) request.body = inner;
  }
}

/** `If-Match: 3`, `"3"` or `W/"3"`: the version the client last saw. */
function expectedVersion(request: FastifyRequest): number {
  const raw = request.headers['if-match'];
  if (raw === undefined || raw === '') {
    throw new AppError('TICKET_VERSION_REQUIRED', 428, 'Send If-Match with the version of the ticket you are changing');
  }
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(Array.isArray(raw) ? raw[0]! : raw);
  if (!match) throw new AppError('TICKET_VERSION_INVALID', 400, 'If-Match must be the ticket version, for example "3"');
  return Number(match[1]);
}

const etag = (version: number) => `"${version}"`;
const tags = ['tickets'];

export function ticketsRoutes(deps: { tickets: TicketsService; messages: MessagesService }): FastifyPluginAsyncZod {
  const { tickets, messages } = deps;
  return async (app) => {
    // 401 before any body validation: anonymous callers learn nothing about the API's shapes.
    app.addHook('preValidation', async (request) => {
      requireActor(request);
    });

    app.post('/tickets', {
      preValidation: unwrapTicketEnvelope,
      schema: { tags, summary: 'Create a ticket (Zendesk-shaped body); honours Idempotency-Key', body: TicketCreateBody, response: { 201: Ticket } },
    }, async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, 'tickets:create');
      const keys = Object.entries(request.body).filter(([, value]) => value !== undefined).map(([key]) => key);
      const ticket = await tickets.create(actor, request.body, keys);
      reply.header('etag', etag(ticket.version)).header('location', `/api/v1/tickets/${ticket.id}`);
      return reply.status(201).send(presentTicket(ticket, actor));
    });

    app.get('/tickets', {
      schema: { tags, summary: 'List tickets the caller may see, newest first (cursor pagination)', querystring: TicketListQuery, response: { 200: TicketPage } },
    }, async (request) => {
      const actor = requireActor(request);
      authorize(actor, 'tickets:read');
      const page = await tickets.list(actor, request.query);
      return { data: page.data.map((row) => presentTicket(row, actor)), next_cursor: page.next_cursor };
    });

    app.get('/tickets/:id', {
      schema: { tags, summary: 'One ticket; ETag carries its version', params: IdParams, response: { 200: Ticket } },
    }, async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, 'tickets:read');
      const ticket = await tickets.get(actor, request.params.id);
      reply.header('etag', etag(ticket.version));
      return presentTicket(ticket, actor);
    });

    app.patch('/tickets/:id', {
      preValidation: unwrapTicketEnvelope,
      schema: {
        tags,
        summary: 'Change a ticket; requires If-Match: <version> (428 without, 412 when stale, 409 when closed)',
        params: IdParams,
        headers: z.looseObject({ 'if-match': z.string().max(40).optional() }),
        body: TicketUpdateBody,
        response: { 200: Ticket },
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, 'tickets:update');
      const version = expectedVersion(request);
      const ticket = await tickets.update(actor, request.params.id, version, request.body);
      reply.header('etag', etag(ticket.version));
      return presentTicket(ticket, actor);
    });

    app.get('/tickets/:id/messages', {
      schema: { tags, summary: 'Messages, oldest first; customers see public messages only', params: IdParams, querystring: PageQuery, response: { 200: MessagePage } },
    }, async (request) => {
      const actor = requireActor(request);
      authorize(actor, 'tickets:read');
      const page = await messages.list(actor, request.params.id, request.query);
      return { data: page.data.map((row) => presentMessage(row, page.attachments)), next_cursor: page.next_cursor };
    });

    app.post('/tickets/:id/messages', {
      schema: {
        tags,
        summary: 'A public reply (tickets:reply) or an internal note (tickets:note); on a closed ticket a public message opens a follow-up',
        params: IdParams,
        body: MessageCreateBody,
        response: { 201: MessageCreated },
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, request.body.public ? 'tickets:reply' : 'tickets:note');
      const posted = await messages.post(actor, request.params.id, request.body);
      return reply.status(201).send({ ...presentMessage(posted.message, posted.attachments), follow_up_ticket_id: posted.followUpTicketId });
    });

    app.get('/tickets/:id/events', {
      schema: { tags, summary: 'The ticket history (staff only), oldest first', params: IdParams, querystring: PageQuery, response: { 200: TicketEventPage } },
    }, async (request) => {
      const actor = requireActor(request);
      authorize(actor, 'tickets:events');
      const page = await tickets.events(actor, request.params.id, request.query);
      return { data: page.data.map(presentEvent), next_cursor: page.next_cursor };
    });
  };
}
