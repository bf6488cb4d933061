import type { HttpServer } from '../../src/platform/http/create-http-server.ts';
import type { AppContext } from '../../src/app/context.ts';
import { buildHttpApp } from '../../src/app/http.ts';
import { loadConfig } from '../../src/platform/config/config.ts';
import { createMetrics } from '../../src/platform/http/health-routes.ts';
import { createLogger } from '../../src/platform/logger/logger.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface TestApp {
  app: HttpServer;
  ctx: AppContext;
  database: TestDatabase;
  close: () => Promise<void>;
}

/** The API on its own fresh database, for app.inject(); no port, no worker. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SWITCHBOARD_DATA_DIR: `.test-data/files-${process.pid}`,
    SWITCHBOARD_SECRET_KEY: 'test-secret-key-test-secret-key-0123456789',
    ...env,
  });
  const ctx: AppContext = {
    config,
    logger: createLogger('silent'),
    db: database.db,
    metrics: createMetrics(),
    databaseUrl: database.url,
  };
  const app = await buildHttpApp(ctx);
  await app.ready();
  return {
    app,
    ctx,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
