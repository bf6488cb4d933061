// `npm run bench:email [-- --messages 3000 --clients 8]`: inbound email throughput.
//
// Starts a fresh embedded database (./data-bench-email) and the real server as a child process
// with its SMTP listener, then sends the test corpus (apps/server/test/fixtures/mail, every file
// with a fresh Message-ID; a third of them replies to earlier ones) through SMTP from `clients`
// concurrent connections. Prints the rate the listener accepted (stored raw, 250) and the rate
// messages were parsed, threaded and committed as tickets, and their ratio (target: >= 200/s).
//
// --client pipelining (default): connections that pipeline like a relaying MTA, each message
// encoded beforehand (smtp-pipelining-client.ts); --client nodemailer: nodemailer's pooled
// transports, which cost the shared CPU 1.0-1.9 ms per message.
// --intake-only: the listener alone (no worker; the mail stays pending). --backlog: the listener
// first, then the worker alone on what it stored (processing's own figures). --probe (live): an
// API call every 50 ms meanwhile, and its latency percentiles.
// --statements: the SQL per message from pg_stat_statements, the costliest first (BENCH_BY_CALLS=1:
// the most frequent; BENCH_INNER=1: the statements run inside others, such as foreign-key checks
// and triggers). BENCH_PG_SETTINGS='{"name":"value"}': extra PostgreSQL settings (auto_explain).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import { tenantProvisioners } from '../apps/server/src/app/provisioners.ts';
import { createTenantWithOwner, issueApiToken } from '../apps/server/src/modules/identity/index.ts';
import { createDatabase } from '../apps/server/src/platform/db/database.ts';
import { startEmbeddedPostgres } from '../apps/server/src/platform/db/embedded-postgres.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { createLogger } from '../apps/server/src/platform/logger/logger.ts';
import { cpuSecondsOfTree, percentiles, type Latency } from './measure.ts';
import { freePort, repoRoot, startServer } from './server.ts';
import { connectPipelining, encodeData } from './smtp-pipelining-client.ts';

const TARGET_PER_SECOND = 200;
const corpusDir = path.join(repoRoot, 'apps/server/test/fixtures/mail');

/** Every corpus file with its own Message-ID (and, for replies, In-Reply-To an earlier one). */
function buildMessages(count: number): { raws: Buffer[]; corpusFiles: number } {
  const files = fs.readdirSync(corpusDir).filter((name) => name.endsWith('.eml')).sort();
  const corpus = files.map((name) => fs.readFileSync(path.join(corpusDir, name)));
  const raws: Buffer[] = [];
  for (let i = 0; i < count; i += 1) {
    const source = corpus[i % corpus.length]!;
    const headerEnd = source.indexOf('\r\n\r\n') >= 0 ? source.indexOf('\r\n\r\n') : source.indexOf('\n\n');
    const head = source.subarray(0, headerEnd).toString('latin1').replace(/^(Message-ID|In-Reply-To|References):.*(\r?\n[ \t].*)*\r?\n?/gim, '');
    const reply = i >= 10 && i % 3 === 0 ? `In-Reply-To: <bench-${i - 7}@bench.test>\r\n` : '';
    raws.push(Buffer.concat([Buffer.from(`Message-ID: <bench-${i}@bench.test>\r\n${reply}${head.replace(/\r?\n$/, '')}`, 'latin1'), source.subarray(headerEnd)]));
  }
  return { raws, corpusFiles: corpus.length };
}

interface Senders {
  /** One per connection; each sends message i of the corpus and resolves on its 250. */
  senders: Array<(i: number) => Promise<void>>;
  close: () => Promise<void>;
}

const ENVELOPE = { from: 'customer@example.com', to: 'support@bench.test' };

/** `clients` pipelining connections, the messages encoded for DATA beforehand (see smtp-pipelining-client.ts). */
async function pipeliningSenders(port: number, clients: number, raws: Buffer[]): Promise<Senders> {
  const data = raws.map(encodeData);
  const connections = await Promise.all(Array.from({ length: clients }, () => connectPipelining('127.0.0.1', port)));
  return {
    senders: connections.map((connection) => (i: number) => connection.send(ENVELOPE.from, ENVELOPE.to, data[i]!)),
    close: async () => {
      await Promise.all(connections.map((connection) => connection.close()));
    },
  };
}

/** `clients` nodemailer transports of one pooled connection each (no pipelining). */
function nodemailerSenders(port: number, clients: number, raws: Buffer[]): Senders {
  const transports = Array.from({ length: clients }, () => nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: 1 }));
  return {
    senders: transports.map((transport) => async (i: number) => {
      await transport.sendMail({ envelope: { from: ENVELOPE.from, to: [ENVELOPE.to] }, raw: raws[i]! });
    }),
    close: async () => {
      for (const transport of transports) transport.close();
    },
  };
}

async function main() {
  const { values } = parseArgs({
    options: { messages: { type: 'string', default: '3000' }, clients: { type: 'string', default: '8' }, statements: { type: 'boolean', default: false }, 'intake-only': { type: 'boolean', default: false }, probe: { type: 'boolean', default: false }, backlog: { type: 'boolean', default: false }, client: { type: 'string', default: 'pipelining' } },
  });
  const count = Number(values.messages);
  const clients = Number(values.clients);
  const dataDir = path.join(repoRoot, 'data-bench-email');
  fs.rmSync(dataDir, { recursive: true, force: true });
  const log = (line: string) => console.log(line);

  // --statements: which SQL the intake runs, per message (pg_stat_statements).
  const settings = {
    ...(values.statements ? { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all', 'pg_stat_statements.track_planning': 'on' } : {}),
    ...(process.env.BENCH_PG_SETTINGS ? (JSON.parse(process.env.BENCH_PG_SETTINGS) as Record<string, string>) : {}),
  };
  const embedded = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: 'switchboard', logger: createLogger('warn'), adoptOrphan: true, settings });
  const db = createDatabase(embedded.url, { max: 2 });
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    await migrate(embedded.url);
    const { tenant, owner } = await createTenantWithOwner(
      db,
      { company: 'Bench Mail', ownerEmail: 'owner@bench.test', ownerPassword: 'bench-password-123' },
      { provisioners: tenantProvisioners, via: 'cli' },
    );
    const issued = await db.tenantTx(tenant.id, (trx) =>
      issueApiToken(trx, { kind: 'cli', tenantId: tenant.id }, { tenantId: tenant.id, userId: owner.id, name: 'bench', scope: 'admin' }),
    );
    const smtpPort = await freePort();
    // --intake-only: no worker, so the figures are the listener's alone (the mail stays pending).
    const intakeOnly = values['intake-only'];
    const serverEnv = { SWITCHBOARD_DATA_DIR: dataDir, SWITCHBOARD_SMTP_PORT: String(smtpPort), SWITCHBOARD_SMTP_HOST: '127.0.0.1' };
    server = await startServer({ ...serverEnv, ...(intakeOnly || values.backlog ? { SWITCHBOARD_ROLES: 'api' } : {}) });
    const created = await fetch(`${server.baseUrl}/api/v1/mailboxes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${issued.token}`, 'content-type': 'application/json' },
      // Inbound only: acknowledgements off and no outbound server, so the figure is the intake's.
      body: JSON.stringify({ address: 'support@bench.test', name: 'Bench', auto_ack_enabled: false, outbound: { mode: 'disabled' } }),
    });
    if (created.status !== 201) throw new Error(`mailbox: ${created.status} ${await created.text()}`);

    if (values.statements) await sql`create extension if not exists pg_stat_statements`.execute(db.system);
    if (values.statements) await sql`select pg_stat_statements_reset()`.execute(db.system);
    const { raws, corpusFiles } = buildMessages(count);
    const bytes = raws.reduce((sum, raw) => sum + raw.length, 0);
    log(`sending ${count} messages (${corpusFiles} corpus files, ${(bytes / 1024 / 1024).toFixed(1)} MB) over ${clients} SMTP connections ...`);
    if (values.client !== 'pipelining' && values.client !== 'nodemailer') throw new Error(`--client: pipelining or nodemailer, not ${values.client}`);
    const send = values.client === 'pipelining' ? await pipeliningSenders(smtpPort, clients, raws) : nodemailerSenders(smtpPort, clients, raws);
    const postmasterPid = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    await sql`select pg_stat_reset_shared('wal')`.execute(db.system);
    let cpuBefore = { server: cpuSecondsOfTree(server.pid), postgres: cpuSecondsOfTree(postmasterPid), client: process.cpuUsage() };
    let started = performance.now();
    // --probe: an agent's API call every 50 ms while the mail is taken in and processed (the
    // main thread answers it between SMTP, jobs and, without a processing thread, the mail itself).
    let probing = Boolean(values.probe) && !intakeOnly && !values.backlog;
    const probe = (async () => {
      const durations: number[] = [];
      while (probing) {
        const sent = performance.now();
        const response = await fetch(`${server!.baseUrl}/api/v1/mailboxes`, { headers: { authorization: `Bearer ${issued.token}` } });
        await response.arrayBuffer();
        if (response.ok) durations.push(performance.now() - sent);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return durations;
    })();
    let next = 0;
    await Promise.all(
      send.senders.map(async (sendOne) => {
        for (let i = next++; i < count; i = next++) await sendOne(i);
      }),
    );
    const acceptedSeconds = (performance.now() - started) / 1000;
    await send.close();
    if (values.backlog) {
      // --backlog: the worker alone on what the listener stored (processing's own figures). The
      // clock and the CPU count start before the server does (it works before it answers /readyz),
      // so they include its start-up.
      await server.stop();
      const postgresBefore = cpuSecondsOfTree(postmasterPid);
      started = performance.now();
      server = await startServer(serverEnv);
      cpuBefore = { server: 0, postgres: postgresBefore, client: process.cpuUsage() };
    }

    // Whether any is still pending, through the partial index, stopping at the first: counting them
    // 20 times a second cost 2-4% of the PostgreSQL CPU that the figures charge to the server.
    const pending = async () => (await sql<{ any: boolean }>`select exists (select 1 from inbound_emails where status = 'pending') as any`.execute(db.system)).rows[0]!.any;
    while (!intakeOnly && (await pending())) {
      if (performance.now() - started > 600_000) throw new Error(`not all ${count} messages processed after 10 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const processedSeconds = (performance.now() - started) / 1000;
    probing = false;
    const apiLatency: Latency | null = values.probe && !intakeOnly && !values.backlog ? percentiles(await probe) : null;
    const clientCpu = process.cpuUsage(cpuBefore.client);
    // CPU per message: steadier than the rate on a shared machine (the rate also counts waiting).
    const cpuMsPerMessage = {
      server: Math.round(((cpuSecondsOfTree(server.pid) - cpuBefore.server) * 1000 * 100) / count) / 100,
      postgres: Math.round(((cpuSecondsOfTree(postmasterPid) - cpuBefore.postgres) * 1000 * 100) / count) / 100,
      // This process: the SMTP client sending the corpus (and the progress polls).
      client: Math.round((((clientCpu.user + clientCpu.system) / 1000) * 100) / count) / 100,
    };
    const wal = (await sql<{ records: string; fpi: string; bytes: string }>`select wal_records::text as records, wal_fpi::text as fpi, wal_bytes::text as bytes from pg_stat_wal`.execute(db.system)).rows[0]!;
    const statuses = (await sql<{ status: string; n: string }>`select status, count(*) as n from inbound_emails group by status order by status`.execute(db.system)).rows;
    const tickets = (await sql<{ n: string }>`select count(*) as n from tickets`.execute(db.system)).rows[0]!.n;
    const memory = server.memory();

    const accepted = count / acceptedSeconds;
    const processed = count / processedSeconds;
    const result = {
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, loadAverage: os.loadavg(), node: process.version },
      mode: intakeOnly ? 'intake-only' : values.backlog ? 'backlog' : 'live',
      client: values.client,
      messages: count,
      corpusFiles,
      clients,
      acceptedPerSecond: Math.round(accepted),
      processedPerSecond: Math.round(processed),
      ratioToAccept: Number((processed / accepted).toFixed(2)),
      statuses: Object.fromEntries(statuses.map((row) => [row.status, Number(row.n)])),
      tickets: Number(tickets),
      cpuMsPerMessage,
      walPerMessage: { records: Math.round(Number(wal.records) / count), fullPageImages: Number((Number(wal.fpi) / count).toFixed(1)), kb: Number((Number(wal.bytes) / 1024 / count).toFixed(1)) },
      serverRssMb: memory.rssMb,
      apiLatencyMs: apiLatency,
      target: `>= ${TARGET_PER_SECOND} messages/s processed`,
      met: processed >= TARGET_PER_SECOND,
    };
    log('');
    log(`accepted (stored raw, 250):       ${result.acceptedPerSecond} messages/s`);
    if (intakeOnly) log('parsed, threaded, committed:      (not run: --intake-only)');
    else {
      log(`parsed, threaded, committed:      ${result.processedPerSecond} messages/s   (target >= ${TARGET_PER_SECOND}: ${result.met ? 'met' : 'MISSED'})`);
      log(`ratio processed / accepted:       ${result.ratioToAccept}`);
    }
    log(`CPU per message:                  server ${cpuMsPerMessage.server} ms, PostgreSQL ${cpuMsPerMessage.postgres} ms, SMTP client ${cpuMsPerMessage.client} ms`);
    log(`WAL per message:                  ${result.walPerMessage.records} records, ${result.walPerMessage.fullPageImages} full-page images, ${result.walPerMessage.kb} kB`);
    if (apiLatency) log(`API while processing (ms):        p50 ${apiLatency.p50}, p95 ${apiLatency.p95}, p99 ${apiLatency.p99}, max ${apiLatency.max} (${apiLatency.samples} x GET /api/v1/mailboxes)`);
    log(`statuses: ${JSON.stringify(result.statuses)}, tickets: ${result.tickets}, server RSS ${memory.rssMb} MB`);
    if (values.statements) {
      const { rows } = await sql<{ calls: string; ms: string; plan: string; query: string }>`select calls::text, round(total_exec_time)::text as ms, round(total_plan_time)::text as plan, query
        from pg_stat_statements s where toplevel = ${!process.env.BENCH_INNER} order by ${process.env.BENCH_BY_CALLS ? sql`s.calls` : sql`s.total_exec_time + s.total_plan_time`} desc limit 45`.execute(db.system);
      // Top-level statements are round trips from the server (each costs it CPU); the rest run
      // inside them (foreign-key checks, triggers).
      const totals = (await sql<{ all: string; top: string; exec: string; plan: string }>`select sum(calls)::text as all,
          (sum(calls) filter (where toplevel))::text as top, (sum(total_exec_time) filter (where toplevel))::text as exec,
          (sum(total_plan_time) filter (where toplevel))::text as plan
        from pg_stat_statements`.execute(db.system)).rows[0]!;
      log(`statements per message: ${(Number(totals.all) / count).toFixed(1)}, of them ${(Number(totals.top) / count).toFixed(1)} sent by the server`);
      log(`planning time per message: ${(Number(totals.plan) / count).toFixed(2)} ms`);
      log(`statement time per message: ${(Number(totals.exec) / count).toFixed(2)} ms (calls, execution ms, planning ms per message; statement)`);
      for (const row of rows) log(`${(Number(row.calls) / count).toFixed(2).padStart(6)} ${(Number(row.ms) / count).toFixed(3).padStart(7)} ${(Number(row.plan) / count).toFixed(3).padStart(7)}  ${row.query.replace(/\s+/g, ' ').slice(0, 140)}`);
    }
    fs.mkdirSync(path.join(repoRoot, 'bench/results'), { recursive: true });
    if (!intakeOnly) fs.writeFileSync(path.join(repoRoot, 'bench/results/email-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    // BENCH_SERVER_LOG=<file>: the server's last output (its warnings), to see what slowed a run.
    if (process.env.BENCH_SERVER_LOG && server) fs.writeFileSync(process.env.BENCH_SERVER_LOG, server.output());
    await server?.stop();
    await db.close();
    await embedded.stop();
  }
}

await main();
