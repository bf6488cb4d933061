import type { Config } from '../platform/config/config.ts';
import type { Database } from '../platform/db/database.ts';
import type { Metrics } from '../platform/http/health-routes.ts';
import type { Logger } from '../platform/logger/logger.ts';

/** What every module factory may draw its dependencies from (each takes only what it needs). */
export interface AppContext {
  config: Config;
  logger: Logger;
  db: Database;
  metrics: Metrics;
  /** Connection string, for components that open their own connections (pg-boss, LISTEN). */
  databaseUrl: string;
}
