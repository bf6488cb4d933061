import { createHttpServer, type HttpServer } from '../platform/http/create-http-server.ts';
import { registerHealthRoutes } from '../platform/http/health-routes.ts';
import { registerIdempotency } from '../platform/http/idempotency.ts';
import { createIdentityModule } from '../modules/identity/index.ts';
import { createAnalyticsModule } from '../modules/analytics/index.ts';
import { createTicketsModule } from '../modules/tickets/index.ts';
import { createSearchModule } from '../modules/search/index.ts';
import { createViewsModule } from '../modules/views/index.ts';
import { createEmailModule } from '../modules/email/index.ts';
import type { AppContext } from './context.ts';
import { tenantProvisioners } from './provisioners.ts';
import { registerRealtime, registerWebsocketSupport } from './realtime.ts';
import { registerWebApp } from './web-app.ts';

/**
 * The API role: one Fastify instance with every module's routes under /api/v1.
 * Modules are registered here and nowhere else.
 */
export async function buildHttpApp(ctx: AppContext): Promise<HttpServer> {
  const app = await createHttpServer({ logger: ctx.logger, trustProxy: ctx.config.SWITCHBOARD_TRUST_PROXY });
  // WebSocket support before any other hook (see registerWebsocketSupport).
  await registerWebsocketSupport(app);
  registerHealthRoutes(app, { pool: ctx.db.pool, metrics: ctx.metrics });

  // Identity first: the global hooks resolve request.actor (and apply Idempotency-Key) for every route after them.
  const identity = createIdentityModule({ db: ctx.db, config: ctx.config, provisioners: tenantProvisioners });
  identity.registerAuthHook(app);
  registerIdempotency(app, { db: ctx.db });

  // Realtime: GET /api/v1/stream and this node's LISTEN hub; presence asks tickets who may see one.
  const tickets = createTicketsModule(ctx);
  registerRealtime(app, ctx, { presenceAudience: tickets.presenceAudience });

  // MODULE REGISTRATION (each module adds its plugin here)
  await app.register(identity.routes, { prefix: '/api/v1' });
  await app.register(createAnalyticsModule(ctx).routes, { prefix: '/api/v1' });
  await app.register(tickets.routes, { prefix: '/api/v1' });
  await app.register(createSearchModule(ctx).routes, { prefix: '/api/v1' });
  await app.register(createViewsModule(ctx).routes, { prefix: '/api/v1' });
  await app.register(createEmailModule(ctx).routes, { prefix: '/api/v1' });

  // The web app (apps/web/dist) and its SPA fallback: after every API route.
  await registerWebApp(app);

  return app;
}
