import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, serverEntry, startServerProcess, stopServerProcess, type ServerProcess } from '../helpers/processes.ts';

/**
 * `npm start` with no DATABASE_URL: the server initialises and runs its own PostgreSQL in the
 * data directory, as root (PostgreSQL itself then runs as the postgres system user) and as an
 * ordinary user; a restart reuses the data; a cluster left running by a killed server is adopted.
 */
describe('embedded PostgreSQL start-up', () => {
  const dirs: string[] = [];
  const servers: ServerProcess[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await stopServerProcess(server);
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  const freshDataDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-embedded-'));
    fs.chmodSync(dir, 0o777);
    dirs.push(dir);
    return path.join(dir, 'data');
  };

  it('initialises, serves, stops cleanly and restarts on the same data', async () => {
    const dataDir = freshDataDir();
    const env = { SWITCHBOARD_DATA_DIR: dataDir, SWITCHBOARD_PG_PORT: String(await freePort()) };
    const first = await startServerProcess(env);
    servers.push(first);
    expect(fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
    expect(await stopServerProcess(servers.pop()!)).toBe(0);
    // The database stopped with the server that started it.
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    const second = await startServerProcess(env);
    servers.push(second);
    expect((await fetch(`${second.baseUrl}/readyz`)).status).toBe(200);
  });

  it('adopts the database left running by a killed server', async () => {
    const dataDir = freshDataDir();
    const env = { SWITCHBOARD_DATA_DIR: dataDir, SWITCHBOARD_PG_PORT: String(await freePort()) };
    const first = await startServerProcess(env);
    await stopServerProcess(first, 'SIGKILL');
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(true);
    const second = await startServerProcess(env);
    expect(await stopServerProcess(second)).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  });

  it.runIf(process.getuid?.() === 0)('works for an ordinary (non-root) user', async () => {
    const dataDir = freshDataDir();
    const env = { SWITCHBOARD_DATA_DIR: dataDir, SWITCHBOARD_PG_PORT: String(await freePort()), HOME: path.dirname(dataDir) };
    const server = await startServerProcess(env, {
      command: ['/usr/sbin/runuser', '-u', 'nobody', '--', process.execPath, serverEntry],
    });
    servers.push(server);
    const owner = fs.statSync(path.join(dataDir, 'pg')).uid;
    expect(owner).toBe(65534);
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
  });
});
