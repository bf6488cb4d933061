import { createHttpServer, type HttpServer } from '../platform/http/create-http-server.ts';
import { registerHealthRoutes } from '../platform/http/health-routes.ts';
import type { AppContext } from './context.ts';

/**
 * The API role: one Fastify instance with every module's routes under /api/v1.
 * Modules are registered here and nowhere else.
 */
export async function buildHttpApp(ctx: AppContext): Promise<HttpServer> {
  const app = await createHttpServer({ logger: ctx.logger, trustProxy: ctx.config.SWITCHBOARD_TRUST_PROXY });
  registerHealthRoutes(app, { pool: ctx.db.pool, metrics: ctx.metrics });

  // MODULE REGISTRATION (each module adds its plugin here)

  return app;
}
