import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SearchPage, SearchQuery } from '@switchboard/contracts';
import { requireActor } from '../../platform/auth-context/actor.ts';
import { presentSearchResult } from './search.presenter.ts';
import type { SearchService } from './search.service.ts';

/** GET /search (under /api/v1). */
export function searchRoutes(service: SearchService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/search', {
      preValidation: async (request) => {
        requireActor(request);
      },
      schema: {
        tags: ['search'],
        summary: 'Search tickets, users or organizations (Chinese and English; query language with field filters), ranked and highlighted',
        querystring: SearchQuery,
        response: { 200: SearchPage },
      },
    }, async (request) => {
      const actor = requireActor(request);
      const result = await service.search(actor, request.query);
      return presentSearchResult(result);
    });
  };
}
