// Starts the real product for browser journeys: the built web app, the server as a child
// process, a fresh embedded PostgreSQL in a temporary data directory.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const webDir = path.join(repoRoot, 'apps', 'web');
const distIndex = path.join(webDir, 'dist', 'index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds apps/web once: when dist is missing or older than the sources. */
export function ensureWebBuilt(): void {
  const sources = Math.max(
    newestMtime(path.join(webDir, 'src')),
    ...['index.html', 'vite.config.ts', 'package.json'].map((file) => fs.statSync(path.join(webDir, file)).mtimeMs),
  );
  if (fs.existsSync(distIndex) && fs.statSync(distIndex).mtimeMs >= sources) return;
  const vite = path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  // NODE_ENV is 'test' inside Vitest: left as is, Vite would build a development bundle.
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: webDir,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`web build failed:\n${result.stdout}\n${result.stderr}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Product {
  url: string;
  env: NodeJS.ProcessEnv;
  /** The server's output so far, for failure messages. */
  output: () => string;
  /** Runs the CLI against the same database. */
  cli: (...args: string[]) => string;
  stop: () => Promise<void>;
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 100_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server did not become ready:\n${output()}`);
}

/** `node apps/server/src/main.ts` on a free port with a fresh data directory and database port. */
export async function startProduct(): Promise<Product> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-e2e-'));
  const [port, pgPort] = [await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    SWITCHBOARD_DATA_DIR: dataDir,
    SWITCHBOARD_PG_PORT: String(pgPort),
    // Any free port: several products (and a developer's own desk on 2525) run side by side.
    SWITCHBOARD_SMTP_PORT: process.env.SWITCHBOARD_SMTP_PORT ?? '0',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  let log = '';
  const child = spawn(process.execPath, [path.join(repoRoot, 'apps', 'server', 'src', 'main.ts')], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  const output = () => log;

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(url, child, output);
  } catch (error) {
    await stop();
    throw error;
  }

  const cli = (...args: string[]) => {
    const result = spawnSync(process.execPath, [path.join(repoRoot, 'apps', 'server', 'src', 'cli.ts'), ...args], {
      cwd: repoRoot,
      env,
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`cli ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
    return result.stdout;
  };

  return { url, env, output, cli, stop };
}
