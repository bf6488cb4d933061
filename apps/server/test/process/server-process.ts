import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../helpers/processes.ts';

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/main.ts');

export interface ServerProcess {
  baseUrl: string;
  child: ChildProcess;
  /** stdout and stderr so far (LOG_LEVEL=warn keeps it short), for failure messages. */
  output: () => string;
  /** SIGTERM and wait for a graceful exit; SIGKILL after `graceMs`. */
  stop: (graceMs?: number) => Promise<number | null>;
  /** SIGKILL: no shutdown code runs, as when a machine dies. */
  kill: () => Promise<void>;
}

export interface ServerProcessOptions {
  databaseUrl: string;
  roles: string;
  env?: Record<string, string>;
  readyTimeoutMs?: number;
}

/** A real server (`node apps/server/src/main.ts`) on a free port, resolved once /readyz answers 200. */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: options.databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      SWITCHBOARD_ROLES: options.roles,
      SWITCHBOARD_SMTP_PORT: '0',
      LOG_LEVEL: 'warn',
      SWITCHBOARD_DATA_DIR: path.resolve('.test-data', `proc-${randomBytes(4).toString('hex')}`),
      SWITCHBOARD_SECRET_KEY: 'process-test-secret-key-0123456789abcdef',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (hasExited) throw new Error(`server (${options.roles}) exited before it was ready:\n${output}`);
    const ready = await fetch(`${baseUrl}/readyz`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server (${options.roles}) not ready in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    baseUrl,
    child,
    output: () => output,
    stop: async (graceMs = 30_000) => {
      if (hasExited) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    kill: async () => {
      if (hasExited) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}


/** JSON over HTTP with a bearer token; returns status and parsed body. */
export async function api(
  baseUrl: string,
  token: string,
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${baseUrl}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}
