import { loadConfig } from './platform/config/config.ts';
import { createLogger } from './platform/logger/logger.ts';
import { parseArgs } from 'node:util';
import { seedDemo } from './app/demo-seed.ts';
import { startApp } from './app/start.ts';

const { values: flags } = parseArgs({ options: { demo: { type: 'boolean', default: false } }, strict: true });
const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
const startedAt = performance.now();

// Signals are handled from the first instant: one that arrives while starting stops the
// process as soon as start-up has finished, cleanly (the embedded database included).
let stopRequested: NodeJS.Signals | undefined;
let stop: (() => Promise<void>) | undefined;
const shutDown = (signal: NodeJS.Signals) => {
  if (stopRequested) return;
  stopRequested = signal;
  logger.info({ signal }, 'shutting down');
  stop?.().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', shutDown);
process.on('SIGTERM', shutDown);

const app = await startApp(config, logger).catch((error: Error) => {
  logger.fatal({ err: error }, 'could not start');
  process.exit(1);
});
stop = app.stop;
if (stopRequested) {
  await app.stop().catch(() => process.exit(1));
  process.exit(0);
}
logger.info(
  { roles: config.SWITCHBOARD_ROLES, address: app.address, startupMs: Math.round(performance.now() - startedAt) },
  'switchboard started',
);

if (flags.demo) {
  if (!app.http) {
    logger.warn('--demo needs the api role; no demo data created');
  } else {
    await seedDemo(app.ctx, app.http, logger).catch((error: Error) => logger.error({ err: error }, 'demo seed failed'));
  }
}
