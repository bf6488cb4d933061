import { requireActor } from '../../platform/auth-context/actor.ts';
import type { HttpServer } from '../../platform/http/create-http-server.ts';
import { createGroupBody, listGroupsQuery, membersBody, updateGroupBody, type createGroupsService } from './groups.service.ts';
import { groupResponse, presentGroup, presentUser, userResponse } from './identity.presenter.ts';
import { idParam, listOf } from './identity.schemas.ts';

const tags = ['groups'];

export function groupsRoutes(deps: { groups: ReturnType<typeof createGroupsService> }) {
  return async function (app: HttpServer) {
    app.get(
      '/groups',
      { schema: { tags, summary: 'List groups', querystring: listGroupsQuery, response: { 200: listOf(groupResponse) } } },
      async (request) => {
        const page = await deps.groups.list(requireActor(request), request.query);
        return { data: page.rows.map(presentGroup), next_cursor: page.nextCursor };
      },
    );

    app.post(
      '/groups',
      { schema: { tags, summary: 'Create a group', body: createGroupBody, response: { 201: groupResponse } } },
      async (request, reply) => reply.status(201).send(presentGroup(await deps.groups.create(requireActor(request), request.body))),
    );

    app.get(
      '/groups/:id',
      { schema: { tags, summary: 'One group', params: idParam, response: { 200: groupResponse } } },
      async (request) => presentGroup(await deps.groups.get(requireActor(request), request.params.id)),
    );

    app.patch(
      '/groups/:id',
      { schema: { tags, summary: 'Update a group', params: idParam, body: updateGroupBody, response: { 200: groupResponse } } },
      async (request) => presentGroup(await deps.groups.update(requireActor(request), request.params.id, request.body)),
    );

    app.delete(
      '/groups/:id',
      { schema: { tags, summary: 'Delete a group (its tickets keep no group)', params: idParam } },
      async (request, reply) => {
        await deps.groups.remove(requireActor(request), request.params.id);
        return reply.status(204).send();
      },
    );

    app.get(
      '/groups/:id/members',
      { schema: { tags, summary: 'Members of a group', params: idParam, response: { 200: listOf(userResponse) } } },
      async (request) => {
        const users = await deps.groups.members(requireActor(request), request.params.id);
        return { data: users.map(presentUser), next_cursor: null };
      },
    );

    app.put(
      '/groups/:id/members',
      {
        schema: { tags, summary: 'Replace the members of a group', params: idParam, body: membersBody, response: { 200: listOf(userResponse) } },
      },
      async (request) => {
        const users = await deps.groups.setMembers(requireActor(request), request.params.id, request.body.user_ids);
        return { data: users.map(presentUser), next_cursor: null };
      },
    );
  };
}
