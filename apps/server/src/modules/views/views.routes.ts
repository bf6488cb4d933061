import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  IdParams, View, ViewCounts, ViewCreateBody, ViewList, ViewListQuery, ViewTicketPage, ViewTicketsQuery, ViewUpdateBody,
} from '@switchboard/contracts';
import { requireActor } from '../../platform/auth-context/actor.ts';
// The tickets module's own presenter: view rows are exactly GET /api/v1/tickets rows.
import { presentTicket, type TicketRecord } from '../tickets/index.ts';
import type { ViewCountsService } from './view-counts.service.ts';
import { authorizeViews } from './views.policy.ts';
import { presentView } from './views.presenter.ts';
import type { ViewsService } from './views.service.ts';

const tags = ['views'];

/** Views: staff only; personal views exist for their owner only; shared views are written by admins. */
export function viewsRoutes(deps: { views: ViewsService; counts: ViewCountsService }): FastifyPluginAsyncZod {
  const { views, counts } = deps;
  return async (app) => {
    app.addHook('preValidation', async (request) => {
      requireActor(request);
    });

    app.get('/views', {
      schema: { tags, summary: "The caller's views: shared ones, then personal ones, each by position", querystring: ViewListQuery, response: { 200: ViewList } },
    }, async (request) => {
      const actor = requireActor(request);
      authorizeViews(actor, 'read');
      const rows = await views.list(actor, { includeInactive: request.query.include_inactive === 'true' });
      return { data: rows.map((row) => presentView(row, actor)) };
    });

    app.get('/views/counts', {
      schema: { tags, summary: "Ticket counts of all the caller's views at once (kept incrementally; stale when served from a 2 s cache)", response: { 200: ViewCounts } },
    }, async (request) => {
      const actor = requireActor(request);
      authorizeViews(actor, 'read');
      return { data: await counts.countsFor(actor) };
    });

    app.post('/views', {
      schema: { tags, summary: "Create a view: personal (any staff) or shared (scope 'shared', settings:write)", body: ViewCreateBody, response: { 201: View } },
    }, async (request, reply) => {
      const actor = requireActor(request);
      authorizeViews(actor, 'write');
      const row = await views.create(actor, request.body);
      reply.header('location', `/api/v1/views/${row.id}`);
      return reply.status(201).send(presentView(row, actor));
    });

    app.get('/views/:id', {
      schema: { tags, summary: 'One view', params: IdParams, response: { 200: View } },
    }, async (request) => {
      const actor = requireActor(request);
      authorizeViews(actor, 'read');
      return presentView(await views.get(actor, request.params.id), actor);
    });

    app.patch('/views/:id', {
      schema: { tags, summary: 'Change a view (its owner, or an admin for a shared view)', params: IdParams, body: ViewUpdateBody, response: { 200: View } },
    }, async (request) => {
      const actor = requireActor(request);
      authorizeViews(actor, 'write');
      return presentView(await views.update(actor, request.params.id, request.body), actor);
    });

    app.delete('/views/:id', {
      schema: { tags, summary: 'Delete a view (its owner, or an admin for a shared view)', params: IdParams },
    }, async (request, reply) => {
      const actor = requireActor(request);
      authorizeViews(actor, 'write');
      await views.remove(actor, request.params.id);
      return reply.status(204).send();
    });

    app.get('/views/:id/tickets', {
      schema: { tags, summary: "The view's tickets in its order (cursor pagination), among those the caller may see", params: IdParams, querystring: ViewTicketsQuery, response: { 200: ViewTicketPage } },
    }, async (request) => {
      const actor = requireActor(request);
      authorizeViews(actor, 'read');
      const page = await views.tickets(actor, request.params.id, request.query);
      return { data: page.data.map((row) => presentTicket(row as unknown as TicketRecord, actor)), next_cursor: page.next_cursor };
    });
  };
}
