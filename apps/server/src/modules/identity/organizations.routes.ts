import { requireActor } from '../../platform/auth-context/actor.ts';
import type { HttpServer } from '../../platform/http/create-http-server.ts';
import { organizationResponse, presentOrganization } from './identity.presenter.ts';
import { idParam, listOf } from './identity.schemas.ts';
import {
  createOrganizationBody,
  listOrganizationsQuery,
  updateOrganizationBody,
  type createOrganizationsService,
} from './organizations.service.ts';

const tags = ['organizations'];

export function organizationsRoutes(deps: { organizations: ReturnType<typeof createOrganizationsService> }) {
  return async function (app: HttpServer) {
    app.get(
      '/organizations',
      {
        schema: { tags, summary: 'List organizations (q by name, domain)', querystring: listOrganizationsQuery, response: { 200: listOf(organizationResponse) } },
      },
      async (request) => {
        const page = await deps.organizations.list(requireActor(request), request.query);
        return { data: page.rows.map(presentOrganization), next_cursor: page.nextCursor };
      },
    );

    app.post(
      '/organizations',
      { schema: { tags, summary: 'Create an organization', body: createOrganizationBody, response: { 201: organizationResponse } } },
      async (request, reply) =>
        reply.status(201).send(presentOrganization(await deps.organizations.create(requireActor(request), request.body))),
    );

    app.get(
      '/organizations/:id',
      { schema: { tags, summary: 'One organization', params: idParam, response: { 200: organizationResponse } } },
      async (request) => presentOrganization(await deps.organizations.get(requireActor(request), request.params.id)),
    );

    app.patch(
      '/organizations/:id',
      {
        schema: { tags, summary: 'Update an organization', params: idParam, body: updateOrganizationBody, response: { 200: organizationResponse } },
      },
      async (request) => presentOrganization(await deps.organizations.update(requireActor(request), request.params.id, request.body)),
    );

    app.delete(
      '/organizations/:id',
      { schema: { tags, summary: 'Delete an organization (its users and tickets keep none)', params: idParam } },
      async (request, reply) => {
        await deps.organizations.remove(requireActor(request), request.params.id);
        return reply.status(204).send();
      },
    );
  };
}
