import type { Config } from '../config/config.ts';
import type { Logger } from '../logger/logger.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.ts';

export interface DatabaseLocation {
  url: string;
  embedded?: EmbeddedPostgres;
}

/** DATABASE_URL when set; otherwise the embedded cluster in the data directory. */
export async function locateDatabase(config: Config, logger: Logger, adoptOrphan: boolean): Promise<DatabaseLocation> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL };
  const embedded = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    port: config.SWITCHBOARD_PG_PORT,
    database: 'switchboard',
    logger,
    adoptOrphan,
  });
  return { url: embedded.url, embedded };
}
