// `npm run bench [-- --tickets 1000000 --reuse]`: the million-ticket bar.
//
// Seeds (or reuses) a benchmark tenant in a dedicated embedded database (./data-bench, or
// DATABASE_URL), starts the real server as a child process, measures the default views, view
// counts, the ticket page, search and concurrent ticket creation against a raw INSERT baseline,
// reads the server's RSS, prints a table with the targets and writes bench/results/latest.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { tenantProvisioners } from '../apps/server/src/app/provisioners.ts';
import {
  BENCH_AGENT_EMAIL,
  BENCH_GROUP_AGENT_EMAIL,
  findBenchSeed,
  seedBenchmarkTenant,
} from '../apps/server/src/modules/benchmark-seed/index.ts';
import { issueApiToken } from '../apps/server/src/modules/identity/index.ts';
import { createDatabase, type Database } from '../apps/server/src/platform/db/database.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../apps/server/src/platform/db/embedded-postgres.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { createLogger } from '../apps/server/src/platform/logger/logger.ts';
import { apiClient } from './measure.ts';
import { formatReport, verdicts, type BenchResult } from './report.ts';
import { measureCounts, measureCreation, measureSearch, measureTicketPage, measureViews, type ScenarioContext } from './scenarios.ts';
import { freePort, repoRoot, startServer, type BenchServer } from './server.ts';

export interface BenchOptions {
  tickets: number;
  /** Use the benchmark tenant of this size when it exists (otherwise it is seeded afresh). */
  reuse: boolean;
  /** An existing database instead of the embedded one in dataDir. */
  databaseUrl?: string;
  dataDir: string;
  samples: number;
  warmup: number;
  clients: number;
  creationSeconds: number;
  resultsFile?: string;
  log: (line: string) => void;
}

export const benchTenantName = (tickets: number) => `Bench 压测 ${tickets}`;

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const { log } = options;
  const loadAverage = os.loadavg();
  let embedded: EmbeddedPostgres | undefined;
  let db: Database | undefined;
  let server: BenchServer | undefined;
  const tokenIds: string[] = [];
  let tenantId: string | undefined;
  let seeded = 0;
  try {
    let url = options.databaseUrl;
    if (!url) {
      if (!options.reuse && fs.existsSync(path.join(options.dataDir, 'pg'))) {
        log(`--reuse not given: removing the benchmark database in ${options.dataDir}`);
        fs.rmSync(options.dataDir, { recursive: true, force: true });
      }
      embedded = await startEmbeddedPostgres({
        dataDir: options.dataDir,
        port: await freePort(),
        database: 'switchboard',
        logger: createLogger('warn'),
        adoptOrphan: true,
      });
      url = embedded.url;
    }
    await migrate(url);
    db = createDatabase(url, { max: 4, applicationName: 'switchboard-bench' });

    const name = benchTenantName(options.tickets);
    let existing = await findBenchSeed(db, name);
    if (existing && !options.reuse) {
      log(`removing the earlier benchmark tenant "${name}"`);
      await sql`delete from tenants where id = ${existing.tenantId}`.execute(db.system);
      existing = null;
    }
    let seed: BenchResult['seed'];
    if (existing) {
      log(`reusing "${name}" (seeded in ${existing.seconds} s)`);
      tenantId = existing.tenantId;
      seeded = existing.tickets;
      seed = { reused: true, seconds: existing.seconds };
    } else {
      log(`seeding "${name}" with ${options.tickets.toLocaleString('en-US')} tickets ...`);
      const report = await seedBenchmarkTenant(db, { tickets: options.tickets, tenant: name }, { provisioners: tenantProvisioners, progress: log });
      tenantId = report.tenantId;
      seeded = report.tickets;
      seed = { reused: false, seconds: report.seconds, phases: report.phases, messages: report.messages, events: report.events };
    }
    await removeBenchTickets(db, tenantId, seeded);

    const tokenFor = async (email: string) => {
      const user = (await sql<{ id: string }>`select id from users where tenant_id = ${tenantId} and email = ${email}`.execute(db!.system)).rows[0];
      if (!user) throw new Error(`the benchmark tenant has no ${email}`);
      const issued = await db!.tenantTx(tenantId!, (trx) =>
        issueApiToken(trx, { kind: 'cli', tenantId: tenantId! }, { tenantId: tenantId!, userId: user.id, name: 'bench', scope: 'write' }),
      );
      tokenIds.push(issued.row.id);
      return { userId: user.id, token: issued.token };
    };
    const agent = await tokenFor(BENCH_AGENT_EMAIL);
    const groupAgent = await tokenFor(BENCH_GROUP_AGENT_EMAIL);
    const agentGroupIds = (
      await sql<{ group_id: string }>`select group_id from group_members where tenant_id = ${tenantId} and user_id = ${agent.userId} order by group_id`.execute(db.system)
    ).rows.map((row) => row.group_id);

    log('starting the server ...');
    server = await startServer(options.databaseUrl ? { DATABASE_URL: url } : { SWITCHBOARD_DATA_DIR: options.dataDir });
    const ctx: ScenarioContext = {
      api: apiClient(server.baseUrl, agent.token),
      groupApi: apiClient(server.baseUrl, groupAgent.token),
      db,
      databaseUrl: url,
      tenantId,
      agentId: agent.userId,
      agentGroupIds,
      samples: options.samples,
      warmup: options.warmup,
    };
    log('measuring views ...');
    const views = await measureViews(ctx);
    log('measuring view counts ...');
    const counts = await measureCounts(ctx);
    log('measuring the ticket page ...');
    const ticketPage = await measureTicketPage(ctx);
    log('measuring search ...');
    const search = await measureSearch(ctx);
    log(`measuring ticket creation (${options.clients} clients, ${options.creationSeconds} s API, then as long raw INSERT) ...`);
    const creation = await measureCreation(ctx, { clients: options.clients, seconds: options.creationSeconds });
    const memory = server.memory();

    const partial = {
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, loadAverage, node: process.version },
      tickets: seeded,
      seed,
      views,
      counts,
      ticketPage,
      search,
      creation,
      memory,
    };
    const result: BenchResult = { ...partial, verdicts: verdicts(partial) };
    if (options.resultsFile) {
      fs.mkdirSync(path.dirname(options.resultsFile), { recursive: true });
      fs.writeFileSync(options.resultsFile, `${JSON.stringify(result, null, 2)}\n`);
    }
    return result;
  } finally {
    await server?.stop().catch(() => undefined);
    if (db && tenantId) {
      await removeBenchTickets(db, tenantId, seeded).catch(() => undefined);
      if (tokenIds.length) await sql`delete from api_tokens where id = any(${tokenIds}::bigint[])`.execute(db.system).catch(() => undefined);
    }
    await db?.close();
    await embedded?.stop();
  }
}

/** The tickets the creation measurement added (numbered after the seeded ones), so runs repeat. */
async function removeBenchTickets(db: Database, tenantId: string, seeded: number): Promise<void> {
  await sql`delete from tickets where tenant_id = ${tenantId} and number > ${seeded}`.execute(db.system);
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      tickets: { type: 'string', default: '1000000' },
      reuse: { type: 'boolean', default: false },
      samples: { type: 'string', default: '200' },
      warmup: { type: 'string', default: '20' },
      clients: { type: 'string', default: '16' },
      seconds: { type: 'string', default: '15' },
      'data-dir': { type: 'string', default: 'data-bench' },
    },
    strict: true,
  });
  const number = (value: string, name: string) => {
    const parsed = Number(value.replaceAll('_', '').replaceAll(',', ''));
    if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive whole number`);
    return parsed;
  };
  const resultsFile = path.join(repoRoot, 'bench/results/latest.json');
  const started = performance.now();
  const result = await runBench({
    tickets: number(values.tickets, 'tickets'),
    reuse: values.reuse,
    databaseUrl: process.env.DATABASE_URL,
    dataDir: path.resolve(values['data-dir']),
    samples: number(values.samples, 'samples'),
    warmup: Number(values.warmup),
    clients: number(values.clients, 'clients'),
    creationSeconds: number(values.seconds, 'seconds'),
    resultsFile,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`\n${formatReport(result)}\n\nwritten to ${path.relative(process.cwd(), resultsFile)} (${((performance.now() - started) / 1000).toFixed(0)} s in all)\n`);
}
