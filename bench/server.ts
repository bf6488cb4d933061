// The real server as a child process (`node apps/server/src/main.ts`), so its memory can be read
// from /proc/<pid>/status apart from the benchmark's own.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..');

export interface BenchServer {
  baseUrl: string;
  pid: number;
  /** Resident and peak resident memory of the server process, in MB. */
  memory: () => { rssMb: number; peakMb: number };
  output: () => string;
  stop: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function readStatusKb(pid: number, field: string): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
}

/** Starts the server with `env` (DATABASE_URL or SWITCHBOARD_DATA_DIR) and waits for /readyz. */
export async function startServer(env: Record<string, string>): Promise<BenchServer> {
  const port = await freePort();
  let log = '';
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'production', SWITCHBOARD_SMTP_PORT: '0', ...env, PORT: String(port), HOST: '127.0.0.1',
    // BENCH_SERVER_NODE_OPTIONS: flags for the server only (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof).
    ...(process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {}),
  };
  if (!('DATABASE_URL' in env)) delete childEnv.DATABASE_URL;
  // The flags of `npm start` (package.json): a young generation of 16 MB semi-spaces instead of
  // V8's default for this much memory (64 MB): 80 MB less RSS, and faster (measured 129 -> 159 tickets/s).
  const child: ChildProcess = spawn(process.execPath, ['--max-semi-space-size=16', path.join(repoRoot, 'apps/server/src/main.ts')], {
    cwd: repoRoot,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${log}`);
    if (await fetch(`${baseUrl}/readyz`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server was not ready within 120 s:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const pid = child.pid!;
  return {
    baseUrl,
    pid,
    memory: () => ({ rssMb: Math.round(readStatusKb(pid, 'VmRSS') / 102.4) / 10, peakMb: Math.round(readStatusKb(pid, 'VmHWM') / 102.4) / 10 }),
    output: () => log,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
