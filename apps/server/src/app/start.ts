import type { HttpServer } from '../platform/http/create-http-server.ts';
import type { Config } from '../platform/config/config.ts';
import { locateDatabase, type DatabaseLocation } from '../platform/db/connect.ts';
import { createDatabase } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';
import { createMetrics } from '../platform/http/health-routes.ts';
import type { Logger } from '../platform/logger/logger.ts';
import type { AppContext } from './context.ts';
import { buildHttpApp } from './http.ts';
import { startBackgroundRoles } from './worker.ts';
import { startSmtpListener, type SmtpListener } from '../modules/email/index.ts';

export interface RunningApp {
  ctx: AppContext;
  http?: HttpServer;
  address?: string;
  /** The built-in SMTP listener (api role, unless SWITCHBOARD_SMTP_PORT is 'off'). */
  smtp?: SmtpListener;
  stop: () => Promise<void>;
}

/** Finds the database, migrates it, and starts the roles this process was asked to run. */
export async function startApp(config: Config, logger: Logger, location?: DatabaseLocation): Promise<RunningApp> {
  const db_ = location ?? (await locateDatabase(config, logger, true));
  await migrate(db_.url, (message) => logger.info(message));
  const db = createDatabase(db_.url, { preparedStatements: config.SWITCHBOARD_PREPARED_STATEMENTS });
  const ctx: AppContext = { config, logger, db, metrics: createMetrics(), databaseUrl: db_.url };
  const stops: Array<() => Promise<void>> = [];

  let http: HttpServer | undefined;
  let address: string | undefined;
  let smtp: SmtpListener | undefined;
  try {
    // Background roles first, HTTP last: once /readyz answers, the whole process is up.
    const worker = config.SWITCHBOARD_ROLES.includes('worker');
    const scheduler = config.SWITCHBOARD_ROLES.includes('scheduler');
    if (worker || scheduler) {
      const background = await startBackgroundRoles(ctx, { worker, scheduler });
      // Stopped after the HTTP server (stops run in reverse): requests in flight still commit
      // their outbox rows; whatever is left is dispatched on the next start.
      stops.push(() => background.stop());
    }
    if (config.SWITCHBOARD_ROLES.includes('api')) {
      http = await buildHttpApp(ctx);
      stops.push(() => http!.close());
      address = await http.listen({ port: config.PORT, host: config.HOST });
      if (config.SWITCHBOARD_SMTP_PORT !== 'off') {
        smtp = await startSmtpListener({
          db, logger, port: config.SWITCHBOARD_SMTP_PORT, host: config.SWITCHBOARD_SMTP_HOST, maxBytes: config.SWITCHBOARD_SMTP_MAX_BYTES,
        });
        stops.push(() => smtp!.close());
      }
    }
  } catch (error) {
    await stopAll();
    throw error;
  }

  async function stopAll() {
    for (const stop of stops.reverse()) await stop().catch((error) => logger.error({ err: error }, 'stop failed'));
    await db.close().catch(() => undefined);
    await db_.embedded?.stop();
  }

  return {
    ctx,
    http,
    address,
    smtp,
    stop: stopAll,
  };
}
