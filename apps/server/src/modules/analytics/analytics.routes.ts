import { z } from 'zod';
import { requireActor } from '../../platform/auth-context/actor.ts';
import type { HttpServer } from '../../platform/http/create-http-server.ts';
import type { AnalyticsService } from './analytics.service.ts';
import { dailyTicketFactSchema, presentDailyTicketFact } from './analytics.presenter.ts';

const isoDay = z.iso.date();

/** GET /analytics/daily-ticket-facts?from=YYYY-MM-DD&to=YYYY-MM-DD (under /api/v1). */
export function analyticsRoutes(service: AnalyticsService) {
  return async function routes(app: HttpServer) {
    app.get(
      '/analytics/daily-ticket-facts',
      {
        schema: {
          tags: ['analytics'],
          summary: 'Tickets created, solved and public replies per UTC day and channel',
          querystring: z.object({ from: isoDay.optional(), to: isoDay.optional() }),
          response: { 200: z.object({ data: z.array(dailyTicketFactSchema) }) },
        },
      },
      async (request) => {
        const rows = await service.dailyTicketFacts(requireActor(request), request.query);
        return { data: rows.map(presentDailyTicketFact) };
      },
    );
  };
}
