import type { Config } from '../../platform/config/config.ts';
import type { HttpServer } from '../../platform/http/create-http-server.ts';
import { authRoutes } from './auth.routes.ts';
import type { AuthService } from './auth.service.ts';

export interface IdentityRouteDeps {
  config: Config;
  auth: AuthService;
}

/** Every identity route, mounted under /api/v1. */
export function identityRoutes(deps: IdentityRouteDeps) {
  return async function (app: HttpServer) {
    await app.register(authRoutes(deps));
  };
}
