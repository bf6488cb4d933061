import {
  Customer360,
  CustomerHistory,
  CustomerIdentityParams,
  CustomerMergeBody,
  CustomerMergeResult,
  CustomerParams,
  CustomerProfile,
  CustomerTicketPage,
  CustomerTicketsQuery,
  CustomerUpdateBody,
  IdentityCreateBody,
} from '@switchboard/contracts';
import { requireActor } from '../../platform/auth-context/actor.ts';
import type { HttpServer } from '../../platform/http/create-http-server.ts';
import type { CustomerIdentitiesService } from './customer-identities.service.ts';
import type { CustomerMergeService } from './customer-merge.service.ts';
import type { CustomersService } from './customers.service.ts';

const tags = ['customers'];

/**
 * Customer 360 under /api/v1/customers: the page (profile, identities, ticket counts, tickets),
 * profile edits, identities, merges and history. Reads need users:read; changes need
 * customers:write (staff members' identities: staff:write). POSTs honour Idempotency-Key (the
 * platform's preHandler does it for every authenticated POST).
 */
export function customersRoutes(deps: { customers: CustomersService; identities: CustomerIdentitiesService; merges: CustomerMergeService }) {
  return async function (app: HttpServer) {
    // 401 before any validation: anonymous callers learn nothing about the shapes.
    app.addHook('preValidation', async (request) => {
      requireActor(request);
    });

    app.get(
      '/customers/:id',
      { schema: { tags, summary: 'The customer 360: profile, identities, ticket counts by status, newest tickets', params: CustomerParams, response: { 200: Customer360 } } },
      async (request) => deps.customers.get(requireActor(request), request.params.id),
    );

    app.get(
      '/customers/:id/tickets',
      {
        schema: {
          tags,
          summary: 'Tickets the customer requested (any channel), newest first, that the caller may see',
          params: CustomerParams,
          querystring: CustomerTicketsQuery,
          response: { 200: CustomerTicketPage },
        },
      },
      async (request) => deps.customers.tickets(requireActor(request), request.params.id, request.query),
    );

    app.patch(
      '/customers/:id',
      {
        schema: { tags, summary: 'Change name, organization, VIP level, tags, notes (audited)', params: CustomerParams, body: CustomerUpdateBody, response: { 200: CustomerProfile } },
      },
      async (request) => deps.customers.update(requireActor(request), request.params.id, request.body),
    );

    app.get(
      '/customers/:id/history',
      { schema: { tags, summary: 'Merges into and out of this customer, identity and profile changes, newest first', params: CustomerParams, response: { 200: CustomerHistory } } },
      async (request) => deps.customers.history(requireActor(request), request.params.id),
    );

    app.post(
      '/customers/:id/identities',
      {
        schema: {
          tags,
          summary: 'Add an identity (409 IDENTITY_TAKEN with owner_id when another person has it)',
          params: CustomerParams,
          body: IdentityCreateBody,
          response: { 201: CustomerProfile },
        },
      },
      async (request, reply) => reply.status(201).send(await deps.identities.add(requireActor(request), request.params.id, request.body)),
    );

    app.post(
      '/customers/:id/identities/:identityId/verify',
      { schema: { tags, summary: 'Mark an identity verified', params: CustomerIdentityParams, response: { 200: CustomerProfile } } },
      async (request) => deps.identities.verify(requireActor(request), request.params.id, request.params.identityId),
    );

    app.post(
      '/customers/:id/identities/:identityId/primary',
      { schema: { tags, summary: 'Make an identity the primary one of its kind (the primary email is the sign-in and reply address)', params: CustomerIdentityParams, response: { 200: CustomerProfile } } },
      async (request) => deps.identities.makePrimary(requireActor(request), request.params.id, request.params.identityId),
    );

    app.delete(
      '/customers/:id/identities/:identityId',
      { schema: { tags, summary: 'Remove an identity (not the last one; not a primary while others of its kind remain)', params: CustomerIdentityParams, response: { 200: CustomerProfile } } },
      async (request) => deps.identities.remove(requireActor(request), request.params.id, request.params.identityId),
    );

    app.post(
      '/customers/:id/merge',
      {
        schema: {
          tags,
          summary: 'Merge customer source_id INTO this one: tickets, identities, tags move; the source is deactivated and marked merged',
          params: CustomerParams,
          body: CustomerMergeBody,
          response: { 200: CustomerMergeResult },
        },
      },
      async (request) => deps.merges.merge(requireActor(request), request.params.id, request.body.source_id),
    );
  };
}
