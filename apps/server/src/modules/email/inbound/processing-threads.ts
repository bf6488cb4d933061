import { Worker } from 'node:worker_threads';
import type { Logger } from '../../../platform/logger/logger.ts';
import type { PendingRun } from './process-inbound.ts';
import type { ProcessingThreadData, ThreadReply, ThreadRequest } from './processing-thread.ts';

export interface ProcessingThreadsOptions {
  /** Threads at most; started by start(), or each on first need. */
  threads: number;
  databaseUrl: string;
  dataDir: string;
  logLevel: string;
  preparedStatements: boolean;
  logger: Logger;
  /** The module each thread runs (default processing-thread.ts). */
  threadModule?: URL;
}

export interface ProcessingThreads {
  /** Starts every thread now (they load their modules while the node starts, not on the first mail). */
  start: () => void;
  /** The pump's turn (see InboundProcessor.processPending), run on the least busy thread. */
  processPending: (tenantId: string, limit: number) => Promise<PendingRun>;
  /** Lets the turns in progress finish, then ends every thread (and its connections). */
  stop: () => Promise<void>;
}

interface Running {
  worker: Worker;
  calls: Map<number, { resolve: (run: PendingRun) => void; reject: (error: Error) => void }>;
  exited: Promise<void>;
}

/** A thread that does not end within this after being asked to is terminated. */
const STOP_TIMEOUT_MS = 10_000;

/**
 * Inbound processing on worker threads. The main thread of a worker node also serves HTTP, SMTP
 * and the reaction jobs; parsing and threading mail on it made it the bottleneck while the second
 * core stayed partly idle (email bench). Each thread has its own processor and connection pool,
 * so a turn crosses threads as two small messages: tenant and limit in, the counts out.
 * A thread that dies fails its turns (the pump retries); its open transactions roll back with its
 * connections, so nothing claimed is lost, and the next turn starts a new thread.
 */
export function createProcessingThreads(options: ProcessingThreadsOptions): ProcessingThreads {
  const log = options.logger.child({ component: 'inbound-threads' });
  const running: Running[] = [];
  let nextCall = 0;
  let nextIndex = 0;
  let stopped = false;

  const start = (): Running => {
    const data: ProcessingThreadData = {
      databaseUrl: options.databaseUrl, dataDir: options.dataDir, logLevel: options.logLevel,
      preparedStatements: options.preparedStatements, index: nextIndex++,
    };
    const worker = new Worker(options.threadModule ?? new URL('./processing-thread.ts', import.meta.url), { workerData: data });
    const thread: Running = { worker, calls: new Map(), exited: new Promise((resolve) => worker.once('exit', () => resolve())) };
    const fail = (error: Error) => {
      for (const call of thread.calls.values()) call.reject(error);
      thread.calls.clear();
    };
    worker.on('message', (reply: ThreadReply) => {
      const call = thread.calls.get(reply.id);
      if (!call) return;
      thread.calls.delete(reply.id);
      if ('run' in reply) call.resolve(reply.run);
      else call.reject(Object.assign(new Error(reply.error.message), { stack: reply.error.stack }));
    });
    worker.on('error', (error: Error) => {
      log.error({ err: error, thread: data.index }, 'inbound processing thread failed');
      fail(error);
    });
    worker.once('exit', (code) => {
      running.splice(running.indexOf(thread), 1);
      if (!stopped) log.warn({ code, thread: data.index }, 'inbound processing thread exited');
      fail(new Error(`inbound processing thread exited with code ${code}`));
    });
    running.push(thread);
    return thread;
  };

  /** The idle thread, else a new one while under the limit, else the one with the fewest turns. */
  const pick = (): Running => {
    const idle = running.find((thread) => thread.calls.size === 0);
    if (idle) return idle;
    if (running.length < options.threads) return start();
    return running.reduce((least, thread) => (thread.calls.size < least.calls.size ? thread : least));
  };

  return {
    start: () => {
      while (!stopped && running.length < options.threads) start();
    },
    processPending: (tenantId, limit) => {
      if (stopped) return Promise.reject(new Error('inbound processing threads are stopped'));
      const thread = pick();
      const id = nextCall++;
      return new Promise<PendingRun>((resolve, reject) => {
        thread.calls.set(id, { resolve, reject });
        const request: ThreadRequest = { type: 'process', id, tenantId, limit };
        thread.worker.postMessage(request);
      });
    },
    stop: async () => {
      stopped = true;
      await Promise.all(
        [...running].map(async (thread) => {
          const close: ThreadRequest = { type: 'close' };
          thread.worker.postMessage(close);
          const timer = setTimeout(() => void thread.worker.terminate(), STOP_TIMEOUT_MS);
          await thread.exited;
          clearTimeout(timer);
        }),
      );
    },
  };
}
