// Administration from the command line: `npm run cli -- <command>`. It finds the database the
// way the server does (DATABASE_URL, or the embedded cluster in the data directory, attaching to
// it when a server already runs it), applies pending migrations, and stops what it started.
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { benchSeed, describeError, tenantCreate, tenantList, tokenCreate, searchReindex, UsageError, type CliIo, type Options } from './cli/commands.ts';
import { loadConfig } from './platform/config/config.ts';
import { locateDatabase } from './platform/db/connect.ts';
import { createDatabase, type Database } from './platform/db/database.ts';
import { migrate } from './platform/db/migrate.ts';
import { viewsCheckCounts } from './modules/views/index.ts';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  migrate                                   apply pending database migrations
  tenant create --name <company> --owner-email <email> --owner-password <password>
                [--owner-name <name>] [--locale zh-CN|en] [--time-zone <IANA zone>]
                                            create a tenant and its owner
  tenant list                               list tenants (id, slug, name)
  token create --tenant <name or slug> --email <user email> --scope read|write|admin [--name <label>]
                                            print a new API token for that user (shown once)
  views check-counts [--tenant <id, slug or name>] [--repair]
                                            compare kept view counts with recomputed ones (and rebuild)
  search reindex --tenant <name, slug or all>
                                            rebuild the search index (batched; resumes an interrupted run)
  bench seed [--tickets <n>] [--tenant <name>] [--years <n>] [--jobs <n>]
                                            create a benchmark tenant (default 1,000,000 tickets)
  help                                      show this help

The database is DATABASE_URL when set, otherwise the embedded one in SWITCHBOARD_DATA_DIR (./data).`;

type Command = (db: Database, options: Options, io: CliIo) => Promise<void>;

const commands: Record<string, Command> = {
  'tenant create': tenantCreate,
  'tenant list': tenantList,
  'token create': tokenCreate,
  'bench seed': benchSeed,
  'search reindex': searchReindex,
  'views check-counts': viewsCheckCounts,
};

const optionSpec = {
  name: { type: 'string' },
  'owner-email': { type: 'string' },
  'owner-password': { type: 'string' },
  'owner-name': { type: 'string' },
  locale: { type: 'string' },
  'time-zone': { type: 'string' },
  tenant: { type: 'string' },
  email: { type: 'string' },
  scope: { type: 'string' },
  repair: { type: 'boolean' },
  tickets: { type: 'string' },
  years: { type: 'string' },
  jobs: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: optionSpec, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`error: ${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  const words = parsed.positionals;
  if (words.length === 0 || words[0] === 'help' || parsed.values.help) {
    io.out(USAGE);
    return words.length === 0 && !parsed.values.help ? 1 : 0;
  }
  const name = words.slice(0, 2).join(' ');
  const command = words[0] === 'migrate' && words.length === 1 ? undefined : commands[name];
  if (words[0] !== 'migrate' && (!command || words.length > 2)) {
    io.err(`error: unknown command "${words.join(' ')}"\n\n${USAGE}`);
    return 1;
  }

  const config = loadConfig();
  // Logs go to stderr, quietly unless asked: stdout carries only results.
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination(2));
  const location = await locateDatabase(config, logger, false);
  let db: Database | undefined;
  try {
    const applied = await migrate(location.url);
    if (words[0] === 'migrate') {
      for (const migration of applied) io.out(`applied ${migration}`);
      if (applied.length === 0) io.out('The database is up to date.');
      return 0;
    }
    db = createDatabase(location.url, { max: 2, applicationName: 'switchboard-cli' });
    await command!(db, parsed.values, io);
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) logger.debug({ err: error }, 'command failed');
    io.err(`error: ${describeError(error)}`);
    return 1;
  } finally {
    await db?.close();
    await location.embedded?.stop();
  }
}

if (import.meta.main) {
  const io: CliIo = { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: Error) => {
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = 1;
    },
  );
}
