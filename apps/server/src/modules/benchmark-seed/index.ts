// The benchmark seed's public surface (the CLI's `bench seed` and `npm run bench` use it).
export {
  BENCH_AGENT_EMAIL,
  BENCH_GROUP_AGENT_EMAIL,
  BENCH_OWNER_EMAIL,
  BENCH_TENANT,
  directorySize,
  findBenchSeed,
  seedBenchmarkTenant,
  type SeedOptions,
  type SeedReport,
} from './seed.ts';
