import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityPruneJob } from '../../src/modules/identity/index.ts';
import { createLogger } from '../../src/platform/logger/logger.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createTenant } from '../helpers/factories.ts';

describe('identity.prune job', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.close());

  it('removes sessions expired for over a day, keeps live ones, and runs twice harmlessly', async () => {
    const { tenant, owner } = await createTenant(t.db);
    await sql`insert into sessions (tenant_id, user_id, token_hash, csrf_token, expires_at) values
      (${tenant.id}, ${owner.id}, 'old', 'c', now() - interval '3 days'),
      (${tenant.id}, ${owner.id}, 'live', 'c', now() + interval '3 days')`.execute(t.db.system);
    const job = createIdentityPruneJob({ db: t.db });
    const context = { logger: createLogger('silent'), attempt: 1 };
    expect(await job.handler({}, context)).toBe('done');
    expect(await job.handler({}, context)).toBe('skipped');
    const left = await sql<{ token_hash: string }>`select token_hash from sessions where tenant_id = ${tenant.id}`.execute(t.db.system);
    expect(left.rows.map((row) => row.token_hash)).toEqual(['live']);
  });
});
