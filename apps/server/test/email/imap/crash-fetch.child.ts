// Child process for the crash test: one IMAP fetch run whose store appends each message to a file
// (fsync'd) and then persists the cursor, as the real store does in one transaction. It can SIGKILL
// itself after the Nth delivered message, either between "message stored" and "cursor saved" (the
// window where a re-delivery must be absorbed by the unique key) or right after the cursor.
//
// Usage: node crash-fetch.child.ts '<json>'  with the fields of ChildConfig.
import fs from 'node:fs';
import { fetchNewMessages, type FetchedMessage, type ImapCursor, type ImapSettings } from '../../../src/modules/email/imap/imap-fetch.ts';

export interface ChildConfig {
  settings: ImapSettings;
  cursorFile: string;
  outFile: string;
  batchSize: number;
  /** SIGKILL after this many deliveries in this run (null: run to the end). */
  killAfter: number | null;
  killPoint: 'before-cursor' | 'after-cursor';
}

export interface StoredRecord {
  key: string;
  source: Buffer;
}

/** Records are `<uidValidity>:<uid> <length>\n<bytes>\n`. */
export function readRecords(file: string): StoredRecord[] {
  if (!fs.existsSync(file)) return [];
  const data = fs.readFileSync(file);
  const records: StoredRecord[] = [];
  let offset = 0;
  while (offset < data.length) {
    const lineEnd = data.indexOf(0x0a, offset);
    const [key, length] = data.subarray(offset, lineEnd).toString().split(' ');
    const start = lineEnd + 1;
    records.push({ key: key!, source: data.subarray(start, start + Number(length)) });
    offset = start + Number(length) + 1;
  }
  return records;
}

function appendDurably(file: string, bytes: Buffer): void {
  const fd = fs.openSync(file, 'a');
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function saveCursor(file: string, cursor: ImapCursor): void {
  const temporary = `${file}.tmp`;
  const fd = fs.openSync(temporary, 'w');
  try {
    fs.writeSync(fd, JSON.stringify(cursor));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
}

async function main(config: ChildConfig): Promise<void> {
  const cursor: ImapCursor = fs.existsSync(config.cursorFile)
    ? JSON.parse(fs.readFileSync(config.cursorFile, 'utf8'))
    : { uidValidity: null, lastUid: 0 };
  // The unique key (mailbox, uidValidity, uid) of the real table.
  const stored = new Set(readRecords(config.outFile).map((record) => record.key));
  let delivered = 0;

  const store = async (message: FetchedMessage) => {
    const key = `${message.uidValidity}:${message.uid}`;
    if (!stored.has(key)) {
      const source = message.source ?? Buffer.alloc(0);
      appendDurably(config.outFile, Buffer.concat([Buffer.from(`${key} ${source.length}\n`), source, Buffer.from('\n')]));
      stored.add(key);
    }
    delivered += 1;
    const crashNow = delivered === config.killAfter;
    if (crashNow && config.killPoint === 'before-cursor') process.kill(process.pid, 'SIGKILL');
    saveCursor(config.cursorFile, { uidValidity: message.uidValidity, lastUid: message.uid });
    if (crashNow && config.killPoint === 'after-cursor') process.kill(process.pid, 'SIGKILL');
  };

  const outcome = await fetchNewMessages(config.settings, cursor, store, { maxBytes: 1024 * 1024, batchSize: config.batchSize });
  saveCursor(config.cursorFile, outcome.cursor);
  process.stdout.write(JSON.stringify(outcome));
}

if (import.meta.main) {
  await main(JSON.parse(process.argv[2]!) as ChildConfig);
}
