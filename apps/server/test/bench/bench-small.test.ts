import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBench } from '../../../../bench/run.ts';
import type { BenchResult } from '../../../../bench/report.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

// `npm run bench` at CI size (10,000 tickets) so it cannot rot: seed, real server as a child
// process, every measurement. Only that every figure was produced is asserted, never a timing.
describe('npm run bench at 10,000 tickets', () => {
  let database: TestDatabase;
  let result: BenchResult;

  beforeAll(async () => {
    database = await createTestDatabase();
    result = await runBench({
      tickets: 10_000,
      reuse: false,
      databaseUrl: database.url,
      dataDir: '.test-data/bench-unused',
      samples: 10,
      warmup: 2,
      clients: 16,
      creationSeconds: 2,
      log: () => undefined,
    });
  }, 300_000);
  afterAll(() => database.close());

  const positive = (value: unknown) => expect(typeof value === 'number' && Number.isFinite(value) && value > 0, String(value)).toBe(true);
  const latency = (figure: { latency: { p50: number; p95: number; p99: number; samples: number } }) => {
    expect(figure.latency.samples).toBe(10);
    for (const value of [figure.latency.p50, figure.latency.p95, figure.latency.p99]) positive(value);
  };

  it('seeded the tenant with its messages and history', () => {
    expect(result.tickets).toBe(10_000);
    expect(result.seed.reused).toBe(false);
    positive(result.seed.seconds);
    positive(result.seed.messages);
    positive(result.seed.events);
  });

  it('measured the first page of the five default views and the view counts', () => {
    expect(result.views.results.map((view) => view.name).sort()).toEqual(
      ['view all_open', 'view my_open', 'view pending', 'view recently_solved', 'view unassigned_my_groups'],
    );
    result.views.results.forEach(latency);
    expect(result.counts).toHaveLength(2);
    result.counts!.forEach(latency);
  });

  it('measured the ticket page and the five searches', () => {
    latency(result.ticketPage);
    expect(result.search).toHaveLength(5);
    result.search!.forEach(latency);
  });

  it('measured API and raw ticket creation, their ratio, and the server memory', () => {
    positive(result.creation.api.perSecond);
    positive(result.creation.raw.perSecond);
    positive(result.creation.ratio);
    expect(result.creation.api.errors).toBe(0);
    expect(result.creation.drainSeconds).not.toBeNull();
    positive(result.memory.rssMb);
    expect(result.verdicts.every((verdict) => verdict.value !== null)).toBe(true);
  });
});
