import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/platform/db/embedded-postgres.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { createLogger } from '../src/platform/logger/logger.ts';
import { freePort } from './helpers/processes.ts';

/**
 * One PostgreSQL per test run, migrated once into a template database; each test file clones
 * the template (CREATE DATABASE ... TEMPLATE), so files never see each other's rows.
 * With DATABASE_URL set, that server is used instead of the embedded one.
 */
export const TEMPLATE_DB = 'switchboard_template';

let embedded: EmbeddedPostgres | undefined;
let dataDir: string | undefined;

export default async function setup(project: TestProject) {
  let serverUrl: string;
  if (process.env.DATABASE_URL) {
    serverUrl = process.env.DATABASE_URL;
  } else {
    dataDir = path.resolve('.test-data', `pg-${process.pid}`);
    embedded = await startEmbeddedPostgres({
      dataDir,
      port: await freePort(),
      database: 'postgres',
      logger: createLogger('warn'),
      adoptOrphan: true,
    });
    serverUrl = embedded.url;
  }
  const templateUrl = withDatabase(serverUrl, TEMPLATE_DB);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
  await admin.query(`create database ${TEMPLATE_DB}`);
  await admin.end();
  await migrate(templateUrl);
  // No connection may stay open on a template while it is being cloned.
  project.provide('pgServerUrl', serverUrl);

  return async () => {
    await embedded?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}


declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
  }
}
