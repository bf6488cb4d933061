import { requireActor } from '../../platform/auth-context/actor.ts';
import type { HttpServer } from '../../platform/http/create-http-server.ts';
import { presentUser, userResponse } from './identity.presenter.ts';
import { idParam, listOf } from './identity.schemas.ts';
import { createUserBody, listUsersQuery, updateUserBody, type UsersService } from './users.service.ts';

const tags = ['users'];

/** Agents and customers: one table, one set of routes. */
export function usersRoutes(deps: { users: UsersService }) {
  return async function (app: HttpServer) {
    app.get(
      '/users',
      {
        schema: {
          tags,
          summary: 'List users (filters: role=agent,admin; q by name or email; organization_id; group_id; active)',
          querystring: listUsersQuery,
          response: { 200: listOf(userResponse) },
        },
      },
      async (request) => {
        const page = await deps.users.list(requireActor(request), request.query);
        return { data: page.rows.map(presentUser), next_cursor: page.nextCursor };
      },
    );

    app.post(
      '/users',
      { schema: { tags, summary: 'Create a user (staff: staff:write; customers: customers:write)', body: createUserBody, response: { 201: userResponse } } },
      async (request, reply) => {
        const user = await deps.users.create(requireActor(request), request.body);
        return reply.status(201).send(presentUser(user));
      },
    );

    app.get(
      '/users/:id',
      { schema: { tags, summary: 'One user', params: idParam, response: { 200: userResponse } } },
      async (request) => presentUser(await deps.users.get(requireActor(request), request.params.id)),
    );

    app.patch(
      '/users/:id',
      {
        schema: {
          tags,
          summary: 'Update a user (yourself: name, phone, locale, time zone, password with current_password)',
          params: idParam,
          body: updateUserBody,
          response: { 200: userResponse },
        },
      },
      async (request) => presentUser(await deps.users.update(requireActor(request), request.params.id, request.body)),
    );

    app.delete(
      '/users/:id',
      { schema: { tags, summary: 'Deactivate a user (signs them out; history is kept)', params: idParam, response: { 200: userResponse } } },
      async (request) => presentUser(await deps.users.deactivate(requireActor(request), request.params.id)),
    );
  };
}

