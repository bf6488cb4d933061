import type pg from 'pg';
import * as words from './vocabulary.ts';

/**
 * The people and teams of a benchmark tenant, written in a few set-based statements on the owner
 * connection: groups, organizations, agents (with their group memberships) and customers.
 * Returns the ids in creation order, which the ticket batches index into.
 */
export interface Directory {
  groupIds: string[];
  agentIds: string[];
  customerIds: string[];
  /** The organization of each customer, '0' for none (no NULLs: arrays without NULLs index in O(1)). */
  customerOrgIds: string[];
  organizationCount: number;
}

export interface DirectorySize {
  groups: number;
  agents: number;
  customers: number;
  organizations: number;
}

export async function createDirectory(
  client: pg.ClientBase,
  tenantId: string,
  size: DirectorySize,
  options: { passwordHash: string; since: Date },
): Promise<Directory> {
  const since = options.since.toISOString();
  await client.query(
    `insert into groups (tenant_id, name, description, created_at, updated_at)
     select $1, name, '', $3, $3 from unnest($2::text[]) with ordinality as g (name, i) order by i`,
    [tenantId, words.GROUPS.slice(0, size.groups), since],
  );

  await client.query(
    `insert into organizations (tenant_id, name, domains, created_at, updated_at)
     select $1,
       case when i % 2 = 0 then ($3::text[])[1 + i % 10] || ($4::text[])[1 + (i / 10) % 5] || ' ' || i
            else ($5::text[])[1 + i % 10] || ' ' || ($6::text[])[1 + (i / 10) % 5] || ' ' || i end,
       array['org' || i || '.bench.test'], $7, $7
     from generate_series(1, $2::int) i order by i`,
    [tenantId, size.organizations, words.ZH_ORG_WORDS, words.ZH_ORG_KINDS, words.EN_ORG_WORDS, words.EN_ORG_KINDS, since],
  );
  const orgIds = await idsOf(client, `select id from organizations where tenant_id = $1 order by id`, [tenantId]);

  // agent1 is an admin, agent2..agent11 supervisors; every 5th agent sees only its groups'
  // tickets and every 20th only its own, as in a real team.
  await client.query(
    `insert into users (tenant_id, role, name, email, password_hash, locale, time_zone, ticket_access, created_at, updated_at)
     select $1,
       case when i = 1 then 'admin' when i <= 11 then 'supervisor' else 'agent' end,
       case when i % 3 = 0 then ($4::text[])[1 + i % 16] || ' ' || ($5::text[])[1 + (i * 7) % 14]
            else ($6::text[])[1 + i % 20] || ($7::text[])[1 + (i * 7) % 24] end,
       'agent' || i || '@bench.switchboard.test', $3,
       case when i % 3 = 0 then 'en' else 'zh-CN' end, 'Asia/Shanghai',
       case when i <= 11 then 'all' when i % 5 = 1 then 'groups' when i % 20 = 7 then 'assigned' else 'all' end,
       $8, $8
     from generate_series(1, $2::int) i order by i`,
    [tenantId, size.agents, options.passwordHash, words.EN_FIRST, words.EN_LAST, words.ZH_SURNAMES, words.ZH_GIVEN, since],
  );
  const agentIds = await idsOf(
    client,
    `select id from users where tenant_id = $1 and email like 'agent%@bench.switchboard.test' order by id`,
    [tenantId],
  );
  const groupIds = await idsOf(client, `select id from groups where tenant_id = $1 order by id`, [tenantId]);
  // Each agent is in its primary group (index % groups, the group its tickets are in) and one more.
  await client.query(
    `insert into group_members (tenant_id, group_id, user_id, created_at)
     select distinct $1::bigint, ($3::bigint[])[1 + g], a.id, $5::timestamptz
     from unnest($2::bigint[]) with ordinality as a (id, i)
     cross join lateral (values ((a.i - 1) % $4), (((a.i - 1) * 7 + 3) % $4)) as v (g)`,
    [tenantId, agentIds, groupIds, size.groups, since],
  );

  // Three customers in ten belong to an organization (with its domain); the rest use mail providers.
  await client.query(
    `insert into users (tenant_id, role, name, email, locale, organization_id, vip_level, created_at, updated_at)
     select $1, 'customer',
       case when i % 3 = 0 then ($4::text[])[1 + i % 16] || ' ' || ($5::text[])[1 + (i / 16) % 14]
            else ($6::text[])[1 + i % 20] || ($7::text[])[1 + (i / 20) % 24] end,
       case when i % 10 < 3 then 'c' || i || '@org' || (1 + (i / 10) % $8) || '.bench.test'
            else 'c' || i || '@' || (array['qq.com', '163.com', 'gmail.com', 'outlook.com', '126.com'])[1 + i % 5] end,
       case when i % 3 = 0 then 'en' else 'zh-CN' end,
       case when i % 10 < 3 then ($9::bigint[])[1 + (i / 10) % $8] end,
       case when i % 97 = 0 then 1 + i % 3 else 0 end,
       $3::timestamptz + (i::float8 / $2) * (now() - $3::timestamptz), $3::timestamptz + (i::float8 / $2) * (now() - $3::timestamptz)
     from generate_series(1, $2::int) i order by i`,
    [tenantId, size.customers, since, words.EN_FIRST, words.EN_LAST, words.ZH_SURNAMES, words.ZH_GIVEN, orgIds.length, orgIds],
  );
  const customers = await client.query<{ ids: string[]; orgs: string[] }>(
    `select array_agg(id::text order by id) as ids, array_agg(coalesce(organization_id, 0)::text order by id) as orgs
     from users where tenant_id = $1 and role = 'customer' and email like 'c%'`,
    [tenantId],
  );
  await client.query(`insert into tags (tenant_id, name) select $1, unnest($2::text[]) on conflict do nothing`, [
    tenantId,
    [...words.TOPICS.map((topic) => topic.tag), ...words.EXTRA_TAGS],
  ]);
  return {
    groupIds,
    agentIds,
    customerIds: customers.rows[0]!.ids,
    customerOrgIds: customers.rows[0]!.orgs,
    organizationCount: orgIds.length,
  };
}

async function idsOf(client: pg.ClientBase, text: string, values: unknown[]): Promise<string[]> {
  return (await client.query<{ id: string }>(text, values)).rows.map((row) => String(row.id));
}
