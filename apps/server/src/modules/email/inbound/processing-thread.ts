// A worker thread that runs the inbound pump's turns (see processing-threads.ts).
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { createDatabase } from '../../../platform/db/database.ts';
import { createLogger } from '../../../platform/logger/logger.ts';
import { createLocalDiskStorage } from '../../../platform/storage/local-disk-storage.ts';
import { createInboundProcessor, type PendingRun } from './process-inbound.ts';

export interface ProcessingThreadData {
  databaseUrl: string;
  dataDir: string;
  logLevel: string;
  preparedStatements: boolean;
  index: number;
}

export type ThreadRequest = { type: 'process'; id: number; tenantId: string; limit: number } | { type: 'close' };
export type ThreadReply = { id: number; run: PendingRun } | { id: number; error: { message: string; stack?: string } };

if (parentPort) {
  const port = parentPort;
  const data = workerData as ProcessingThreadData;
  const logger = createLogger(data.logLevel).child({ component: 'inbound-thread', thread: data.index });
  // Two turns side by side (the pump's), each on one connection plus one for the customers it creates first.
  const db = createDatabase(data.databaseUrl, { max: 4, preparedStatements: data.preparedStatements, applicationName: 'switchboard-inbound' });
  const processor = createInboundProcessor({ db, storage: createLocalDiskStorage(path.join(data.dataDir, 'files')), logger });
  let inFlight = 0;
  let closing: (() => void) | undefined;

  port.on('message', (request: ThreadRequest) => {
    if (request.type === 'close') {
      const close = () => void db.close().finally(() => port.close());
      if (inFlight === 0) close();
      else closing = close;
      return;
    }
    inFlight += 1;
    processor.processPending(request.tenantId, request.limit).then(
      (run) => port.postMessage({ id: request.id, run } satisfies ThreadReply),
      (error: unknown) => {
        const failure = error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) };
        port.postMessage({ id: request.id, error: failure } satisfies ThreadReply);
      },
    ).finally(() => {
      inFlight -= 1;
      if (inFlight === 0) closing?.();
    });
  });
}
