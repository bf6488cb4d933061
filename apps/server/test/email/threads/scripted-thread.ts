// A stand-in processing thread for the pool's own behaviour: it answers each turn as its tenant
// id says (see processing-threads.test.ts). The real thread is processing-thread.ts.
import { parentPort, workerData } from 'node:worker_threads';
import type { ThreadReply, ThreadRequest } from '../../../src/modules/email/inbound/processing-thread.ts';

const port = parentPort!;
const { index } = workerData as { index: number };
port.on('message', (request: ThreadRequest) => {
  if (request.type === 'close') return port.close();
  const reply = (answer: ThreadReply) => port.postMessage(answer);
  if (request.tenantId === 'exit') process.exit(3);
  if (request.tenantId === 'fail') return reply({ id: request.id, error: { message: 'the database refused' } });
  // claimed: which thread answered; deferred: the limit it was given.
  const answer = () => reply({ id: request.id, run: { claimed: index, deferred: request.limit, retryInMs: null } });
  if (request.tenantId === 'slow') setTimeout(answer, 200);
  else answer();
});
