// A stand-in processing thread for the pool's own behaviour: it answers each turn as its tenant
// id says (see processing-threads.test.ts). The real thread is processing-thread.ts.
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import type { ThreadReply, ThreadRequest } from '../../../src/modules/email/inbound/processing-thread.ts';

const port = parentPort!;
const { index, databaseUrl } = workerData as { index: number; databaseUrl: string };
port.on('message', (request: ThreadRequest) => {
  if (request.type === 'close') return port.close();
  const reply = (answer: ThreadReply) => port.postMessage(answer);
  if (request.tenantId === 'exit') process.exit(3);
  // Dies inside a transaction that holds an inbound row (its id is the limit), as a crash mid-batch would.
  if (request.tenantId === 'lock-and-exit') {
    const client = new pg.Client(databaseUrl);
    void client.connect()
      .then(() => client.query('begin'))
      .then(() => client.query('select id from inbound_emails where id = $1 for update', [request.limit]))
      .then(() => process.exit(4));
    return;
  }
  if (request.tenantId === 'fail') return reply({ id: request.id, error: { message: 'the database refused' } });
  // claimed: which thread answered; deferred: the limit it was given.
  const answer = () => reply({ id: request.id, run: { claimed: index, deferred: request.limit, retryInMs: null } });
  if (request.tenantId === 'slow') setTimeout(answer, 200);
  else answer();
});
