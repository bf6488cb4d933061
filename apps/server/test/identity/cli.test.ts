import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer } from '../helpers/factories.ts';

const run = promisify(execFile);
const CLI = path.resolve('apps/server/src/cli.ts');

describe('the administration CLI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** Runs the CLI as a child process on the test database; never throws, answers code and output. */
  async function cli(...args: string[]) {
    try {
      const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
        env: { ...process.env, DATABASE_URL: t.database.url, LOG_LEVEL: 'warn' },
        timeout: 60_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('creates a tenant, mints a token that works over the API, and lists tenants', async () => {
    const created = await cli('tenant', 'create', '--name', 'Initrode 中国', '--owner-email', 'boss@initrode.example', '--owner-password', 'cli-owner-password', '--owner-name', 'Bill', '--locale', 'en');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('slug initrode');

    const minted = await cli('token', 'create', '--tenant', 'initrode 中国', '--email', 'BOSS@initrode.example', '--scope', 'admin', '--name', 'deploy script');
    expect(minted.code).toBe(0);
    const token = minted.stdout.trim();
    expect(token).toMatch(/^sbt_[A-Za-z0-9_-]+$/);
    expect(minted.stdout).toBe(`${token}\n`);

    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: bearer(token) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { name: 'Bill', role: 'owner' }, tenant: { name: 'Initrode 中国', slug: 'initrode' } });
    const group = await t.app.inject({ method: 'POST', url: '/api/v1/groups', headers: bearer(token), payload: { name: 'Support' } });
    expect(group.statusCode).toBe(201);
    const tokens = await t.app.inject({ url: '/api/v1/api-tokens', headers: bearer(token) });
    expect(tokens.json().data[0]).toMatchObject({ name: 'deploy script', scope: 'admin' });
    const audit = await t.app.inject({ url: '/api/v1/audit-log?action=api_token.created', headers: bearer(token) });
    expect(audit.json().data[0]).toMatchObject({ actor_type: 'cli' });

    const bySlug = await cli('token', 'create', '--tenant', 'initrode', '--email', 'boss@initrode.example', '--scope', 'read');
    const readToken = bySlug.stdout.trim();
    const write = await t.app.inject({ method: 'POST', url: '/api/v1/groups', headers: bearer(readToken), payload: { name: 'Nope' } });
    expect(write.statusCode).toBe(403);

    const list = await cli('tenant', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/\tinitrode\tInitrode 中国\t/);
  });

  it('exits 1 with a clear message on bad input', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['tenant', 'create', '--owner-email', 'x@example.com', '--owner-password', 'long-enough-1'], /--name is required/],
      [['tenant', 'create', '--name', 'Weak', '--owner-email', 'x@example.com', '--owner-password', 'short'], /--owner-password: must be at least 8/],
      [['tenant', 'create', '--name', 'Initrode 中国', '--owner-email', 'y@example.com', '--owner-password', 'long-enough-1'], /already exists/],
      [['token', 'create', '--tenant', 'no-such-tenant', '--email', 'boss@initrode.example', '--scope', 'read'], /No tenant named "no-such-tenant"/],
      [['token', 'create', '--tenant', 'initrode', '--email', 'ghost@initrode.example', '--scope', 'read'], /No user with email ghost@initrode.example/],
      [['token', 'create', '--tenant', 'initrode', '--email', 'boss@initrode.example', '--scope', 'root'], /--scope must be one of read, write, admin/],
    ];
    for (const [args, message] of cases) {
      const result = await cli(...args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe('');
    }
  });

  it('applies migrations idempotently', async () => {
    const result = await cli('migrate');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('up to date');
  });

  it('refuses unknown commands and options before touching the database', async () => {
    const lines: string[] = [];
    const io = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(line) };
    expect(await runCli(['frobnicate'], io)).toBe(1);
    expect(lines.join('\n')).toMatch(/unknown command "frobnicate"[\s\S]*Usage:/);
    expect(await runCli(['tenant', 'create', '--colour', 'red'], io)).toBe(1);
    expect(await runCli(['tenant', 'list', 'extra'], io)).toBe(1);
    expect(await runCli([], io)).toBe(1);
    expect(await runCli(['help'], io)).toBe(0);
  });
});
