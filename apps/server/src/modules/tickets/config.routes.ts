import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  Category, CategoryCreateBody, CategoryUpdateBody, CustomField, CustomFieldCreateBody, CustomFieldUpdateBody, IdParams,
  listOf, Tag, TagCreateBody, TagListQuery, TagParams, TicketForm, TicketFormCreateBody, TicketFormUpdateBody,
  TicketStatus, TicketStatusCreateBody, TicketStatusUpdateBody,
} from '@switchboard/contracts';
import type { z } from 'zod';
import { requireActor, type Actor } from '../../platform/auth-context/actor.ts';
import { authorize, type Permission } from '../../platform/auth-context/permissions.ts';
import type { ConfigService } from './config.service.ts';

interface CrudService<Row, CreateBody, UpdateBody> {
  list: (actor: Actor) => Promise<Row[]>;
  create: (actor: Actor, body: CreateBody) => Promise<Row>;
  update: (actor: Actor, id: string, body: UpdateBody) => Promise<Row>;
  remove: (actor: Actor, id: string) => Promise<void>;
}

/**
 * Ticket configuration: reads need settings:read (staff), writes settings:write (admins);
 * tags use tags:read / tags:write (agents may create tags).
 */
export function configRoutes(deps: { config: ConfigService }): FastifyPluginAsyncZod {
  const { config } = deps;
  return async (app) => {
    app.addHook('preValidation', async (request) => {
      requireActor(request);
    });

    const crud = (
      path: string,
      schemas: { row: z.ZodType; create: z.ZodType; update: z.ZodType; tag: string },
      service: CrudService<unknown, any, any>,
    ) => {
      const tags = [schemas.tag];
      const guard = (permission: Permission) => async (request: Parameters<typeof requireActor>[0]) => {
        const actor = requireActor(request);
        authorize(actor, permission);
        return actor;
      };
      app.get(path, { schema: { tags, response: { 200: listOf(schemas.row) } } }, async (request) => {
        const actor = await guard('settings:read')(request);
        return { data: await service.list(actor) };
      });
      app.post(path, { schema: { tags, body: schemas.create, response: { 201: schemas.row } } }, async (request, reply) => {
        const actor = await guard('settings:write')(request);
        return reply.status(201).send(await service.create(actor, request.body));
      });
      app.patch(`${path}/:id`, { schema: { tags, params: IdParams, body: schemas.update, response: { 200: schemas.row } } }, async (request) => {
        const actor = await guard('settings:write')(request);
        return service.update(actor, request.params.id, request.body);
      });
      app.delete(`${path}/:id`, { schema: { tags, params: IdParams } }, async (request, reply) => {
        const actor = await guard('settings:write')(request);
        await service.remove(actor, request.params.id);
        return reply.status(204).send();
      });
    };

    crud('/ticket-statuses', { row: TicketStatus, create: TicketStatusCreateBody, update: TicketStatusUpdateBody, tag: 'ticket statuses' }, config.statuses);
    crud('/categories', { row: Category, create: CategoryCreateBody, update: CategoryUpdateBody, tag: 'categories' }, config.categories);
    crud('/custom-fields', { row: CustomField, create: CustomFieldCreateBody, update: CustomFieldUpdateBody, tag: 'custom fields' }, config.fields);
    crud('/ticket-forms', { row: TicketForm, create: TicketFormCreateBody, update: TicketFormUpdateBody, tag: 'ticket forms' }, config.forms);

    app.get('/tags', { schema: { tags: ['tags'], querystring: TagListQuery, response: { 200: listOf(Tag) } } }, async (request) => {
      const actor = requireActor(request);
      authorize(actor, 'tags:read');
      return { data: await config.tags.list(actor, request.query) };
    });
    app.post('/tags', { schema: { tags: ['tags'], body: TagCreateBody, response: { 200: Tag, 201: Tag } } }, async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, 'tags:write');
      const result = await config.tags.create(actor, request.body.name);
      return reply.status(result.created ? 201 : 200).send({ name: result.name });
    });
    app.delete('/tags/:name', { schema: { tags: ['tags'], params: TagParams } }, async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, 'tags:write');
      await config.tags.remove(actor, request.params.name);
      return reply.status(204).send();
    });
  };
}
