import { PgBoss, type Db, type Job, type JobResult } from 'pg-boss';
import type pg from 'pg';
import { prepareStatementsOf } from '../db/prepared-statements.ts';
import type { Metrics } from '../http/health-routes.ts';
import type { Logger } from '../logger/logger.ts';
import type { JobDefinition } from './job.ts';

export const QUEUE_SCHEMA = 'pgboss';

/** Defaults for every queue: retried with back-off, and a job whose worker died is retried soon. */
const QUEUE_DEFAULTS = {
  retryLimit: 5,
  retryDelay: 2,
  retryBackoff: true,
  retryDelayMax: 300,
  // The worker refreshes this while the handler runs; a job whose process died (SIGKILL, lost
  // machine) is failed and retried by the supervisor within about this long plus its interval.
  heartbeatSeconds: 15,
  expireInSeconds: 15 * 60,
  deleteAfterSeconds: 2 * 24 * 60 * 60,
} as const;

export interface JobQueueOptions {
  databaseUrl: string;
  logger: Logger;
  metrics: Metrics;
  /** Run cron schedules in this process (the scheduler role). */
  schedule: boolean;
  /** Jobs of one queue fetched (and run concurrently) at once by this process. */
  batchSize?: number;
  /** Seconds between polls when LISTEN/NOTIFY is unavailable. */
  pollingIntervalSeconds?: number;
  /** Named prepared statements on pg-boss's pool too (default true; see SWITCHBOARD_PREPARED_STATEMENTS). */
  preparedStatements?: boolean;
  /** Seconds between backstop polls while NOTIFY wakes the workers (retries are found this way). */
  notifyPollingIntervalSeconds?: number;
}

export interface JobQueue {
  start: () => Promise<void>;
  /**
   * Creates (or updates) the queue of every definition and, with `work`, runs its handler in this
   * process. Payloads are validated with the definition's schema before the handler sees them.
   */
  registerJobs: (definitions: ReadonlyArray<JobDefinition<any>>, options: { work: boolean }) => Promise<void>;
  /** Installs the cron schedules of the definitions that have one and removes stale ones. */
  schedule: (definitions: ReadonlyArray<JobDefinition<any>>) => Promise<void>;
  /** Sends a job; with `db` (see `fromKysely`) the insert belongs to the caller's transaction. */
  send: <P>(definition: JobDefinition<P>, payload: P, options?: { db?: Db; singletonKey?: string }) => Promise<string | null>;
  /** Inserts many jobs into one queue in one statement, optionally in the caller's transaction. */
  insert: (queue: string, payloads: object[], options?: { db?: Db }) => Promise<void>;
  /** Stops fetching, waits (bounded) for running handlers, closes the pool. */
  stop: () => Promise<void>;
  boss: PgBoss;
}

/** pg-boss on the owner connection, in its own schema, wrapped with validation, logs and metrics. */
export function createJobQueue(options: JobQueueOptions): JobQueue {
  const log = options.logger.child({ component: 'jobs' });
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    schema: QUEUE_SCHEMA,
    application_name: 'switchboard-jobs',
    max: 6,
    schedule: options.schedule,
    supervise: true,
    // How soon a job of a dead process is noticed (see heartbeatSeconds): the monitor pass that
    // fails it runs at most this often per queue.
    superviseIntervalSeconds: 10,
    monitorIntervalSeconds: 10,
    migrate: true,
    useListenNotify: true,
    instanceName: options.schedule ? 'worker+scheduler' : 'worker',
    openTelemetry: { enabled: false },
  });
  if (options.preparedStatements !== false) preparePgBossStatements(boss);
  boss.on('error', (error) => log.error({ err: error }, 'job queue error'));
  boss.on('warning', (warning) => log.warn({ warning: warning.data }, warning.message));

  const definitionsByName = new Map<string, JobDefinition<any>>();

  const runOne = async (definition: JobDefinition<any>, job: Job<unknown>): Promise<JobResult> => {
    const attempt = job.retryCount + 1;
    const jobLog = options.logger.child({ job: definition.name, jobId: job.id, attempt });
    const count = (outcome: string) => options.metrics.jobsProcessed.inc({ queue: definition.name, outcome });
    const parsed = definition.payload.safeParse(job.data);
    if (!parsed.success) {
      // A payload that does not fit its schema will not fit on a retry either.
      jobLog.error({ issues: parsed.error.issues }, 'job payload is invalid; not retried');
      count('invalid');
      return { id: job.id, status: 'deadletter', output: { error: 'invalid payload', issues: parsed.error.issues } };
    }
    try {
      const outcome = await definition.handler(parsed.data, { logger: jobLog, attempt });
      count(outcome);
      jobLog.debug({ outcome }, 'job finished');
      return { id: job.id, status: 'completed', output: { outcome } };
    } catch (error) {
      count('failed');
      jobLog.error({ err: error }, 'job failed');
      return { id: job.id, status: 'failed', output: { message: (error as Error)?.message ?? String(error) } };
    }
  };

  /** All the batch's valid jobs in one call; when that fails, each job again on its own. */
  const runBatch = async (definition: JobDefinition<any>, jobs: Job<unknown>[]): Promise<JobResult[]> => {
    const parsed = jobs.map((job) => ({ job, parsed: definition.payload.safeParse(job.data) }));
    const valid = parsed.filter((entry) => entry.parsed.success);
    if (valid.length < 2) return Promise.all(jobs.map((job) => runOne(definition, job)));
    const batchLog = options.logger.child({ job: definition.name, batch: valid.length });
    try {
      await definition.batchHandler!(
        valid.map((entry) => entry.parsed.data),
        { logger: batchLog },
      );
    } catch (error) {
      batchLog.warn({ err: error }, 'job batch failed; running its jobs one by one');
      return Promise.all(jobs.map((job) => runOne(definition, job)));
    }
    options.metrics.jobsProcessed.inc({ queue: definition.name, outcome: 'done' }, valid.length);
    const done = new Set(valid.map((entry) => entry.job.id));
    const invalid = jobs.filter((job) => !done.has(job.id));
    return [
      ...valid.map(({ job }): JobResult => ({ id: job.id, status: 'completed', output: { outcome: 'done' } })),
      ...(await Promise.all(invalid.map((job) => runOne(definition, job)))),
    ];
  };

  return {
    boss,
    start: async () => {
      await boss.start({ attempts: 3 });
    },
    registerJobs: async (definitions, { work }) => {
      for (const definition of definitions) {
        const existing = definitionsByName.get(definition.name);
        if (existing && existing !== definition) throw new Error(`Two jobs are named ${definition.name}`);
        definitionsByName.set(definition.name, definition);
        const queueOptions = { ...QUEUE_DEFAULTS, retryLimit: definition.retryLimit ?? QUEUE_DEFAULTS.retryLimit, notify: true };
        await boss.createQueue(definition.name, queueOptions);
        // createQueue leaves an existing queue alone: bring its settings up to date.
        const { notify: _notify, ...updatable } = queueOptions;
        await boss.updateQueue(definition.name, updatable);
        if (!work) continue;
        await boss.work(
          definition.name,
          {
            // A batch is fetched in one claim and its jobs run side by side, each settled on its
            // own; a full batch means more is waiting, so the next one is fetched at once.
            batchSize: definition.batchSize ?? options.batchSize ?? 10,
            localConcurrency: definition.concurrency ?? 1,
            burstWhenBatchFull: true,
            perJobResults: true,
            pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
            notifyPollingIntervalSeconds: options.notifyPollingIntervalSeconds ?? 5,
          },
          async (jobs: Job<unknown>[]) => (definition.batchHandler && jobs.length > 1 ? runBatch(definition, jobs) : Promise.all(jobs.map((job) => runOne(definition, job)))),
        );
      }
    },
    schedule: async (definitions) => {
      const wanted = new Map(definitions.filter((d) => d.cron).map((d) => [d.name, d.cron!]));
      for (const [name, cron] of wanted) await boss.schedule(name, cron, {}, { tz: 'UTC' });
      // A job that lost its cron (or was removed) must not keep firing.
      for (const existing of await boss.getSchedules()) {
        if (definitionsByName.has(existing.name) && !wanted.has(existing.name)) await boss.unschedule(existing.name, existing.key);
      }
    },
    send: (definition, payload, sendOptions = {}) => boss.send(definition.name, payload as object, sendOptions),
    insert: async (queue, payloads, insertOptions = {}) => {
      if (payloads.length === 0) return;
      await boss.insert(
        queue,
        payloads.map((data) => ({ data })),
        insertOptions,
      );
    },
    stop: async () => {
      await boss.stop({ graceful: true, close: true, timeout: 20_000 });
    },
  };
}

/**
 * pg-boss's claim, insert and completion statements are planned on every call (about as long as
 * they run). Its own pool (created when it opens) gets our prepared statements too. This reaches
 * into pg-boss's default database object; if that ever changes shape, statements stay unprepared.
 */
function preparePgBossStatements(boss: PgBoss): void {
  const db = boss.getDb() as unknown as { open?: () => Promise<void>; pool?: pg.Pool };
  const open = db.open;
  if (typeof open !== 'function') return;
  db.open = async () => {
    await open.call(db);
    if (db.pool) prepareStatementsOf(db.pool);
  };
}
