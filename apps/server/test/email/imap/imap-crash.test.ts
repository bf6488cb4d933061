// A worker killed mid-fetch (SIGKILL: no cleanup, no finally) and started again from what it
// persisted neither loses nor duplicates a message.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImapCursor } from '../../../src/modules/email/imap/imap-fetch.ts';
import { startDovecot, type DovecotServer } from '../../helpers/dovecot.ts';
import { readRecords, type ChildConfig } from './crash-fetch.child.ts';
import { appendAll, freshAccount, rawMessage } from './imap-test-support.ts';

const childScript = path.join(import.meta.dirname, 'crash-fetch.child.ts');

function runChild(config: ChildConfig): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, output }));
  });
}

describe('IMAP fetch survives a crash', () => {
  let dovecot: DovecotServer;
  let workDir: string;
  beforeAll(async () => {
    dovecot = await startDovecot();
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-imap-crash-'));
  });
  afterAll(async () => {
    await dovecot?.stop();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('killed between storing and saving the cursor, then after saving it, the reruns end with every message exactly once', async () => {
    const settings = await freshAccount(dovecot);
    const raws = Array.from({ length: 10 }, (_, i) => rawMessage(i + 1, (i % 3) * 500));
    const uids = await appendAll(dovecot, settings, raws);
    const validity = await dovecot.uidValidity(settings.user, 'INBOX');
    const base = { settings, cursorFile: path.join(workDir, 'cursor.json'), outFile: path.join(workDir, 'stored.bin'), batchSize: 3 };
    const cursor = () => JSON.parse(fs.readFileSync(base.cursorFile, 'utf8')) as ImapCursor;
    const storedUids = () => readRecords(base.outFile).map((record) => Number(record.key.split(':')[1]));

    // Run 1 dies after the 4th message is stored but before its cursor is saved.
    const first = await runChild({ ...base, killAfter: 4, killPoint: 'before-cursor' });
    expect(first.signal, first.output).toBe('SIGKILL');
    expect(storedUids()).toEqual(uids.slice(0, 4));
    expect(cursor()).toEqual({ uidValidity: validity, lastUid: uids[2] });

    // Run 2 gets the 4th again (absorbed by the unique key), stores 5 and 6, dies after saving 6.
    const second = await runChild({ ...base, killAfter: 3, killPoint: 'after-cursor' });
    expect(second.signal, second.output).toBe('SIGKILL');
    expect(storedUids()).toEqual(uids.slice(0, 6));
    expect(cursor()).toEqual({ uidValidity: validity, lastUid: uids[5] });

    // Run 3 finishes.
    const third = await runChild({ ...base, killAfter: null, killPoint: 'after-cursor' });
    expect(third.code, third.output).toBe(0);
    expect(JSON.parse(third.output)).toMatchObject({ fetched: 4, cursor: { uidValidity: validity, lastUid: uids[9] } });

    const records = readRecords(base.outFile);
    expect(records.map((record) => record.key)).toEqual(uids.map((uid) => `${validity}:${uid}`));
    expect(records.every((record, i) => record.source.equals(raws[i]!))).toBe(true);
    expect(cursor()).toEqual({ uidValidity: validity, lastUid: uids[9] });
  });
});
