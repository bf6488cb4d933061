import type pg from 'pg';
import { TOPIC_SHAPE, type Topic } from './vocabulary.ts';
import * as words from './vocabulary.ts';
import type { Directory } from './people-sql.ts';

/**
 * One batch of benchmark tickets (numbers `from`..`to`), generated in SQL on one connection:
 *  1. a temporary stage row per ticket with every random choice (status, people, times, sizes);
 *  2. the tickets, from the stage;
 *  3. their messages and, in the same statement, every event of their history (created, opened
 *     and assigned, pending, solved, closed by the system, one per message), in time order per
 *     ticket so the history page reads as it happened.
 *
 * Status mix by age: the newest tenth of the tickets holds the live work (new/open 28%, pending
 * 18%, on-hold 9%, solved in the last three days 40%), older tickets are closed but for a few
 * stuck ones. Over the tenant: ~3% new/open, ~2% pending, ~1% on-hold, ~4% solved, ~90% closed.
 */
export interface BatchContext {
  tenantId: string;
  total: number;
  /** The first ticket's time; the last ticket is created an hour before now. */
  since: Date;
  directory: Directory;
  statusIds: Record<string, string>;
}

export interface BatchCounts {
  tickets: number;
  messages: number;
  events: number;
}

const flat = (pick: (topic: Topic) => readonly string[]) => words.TOPICS.flatMap((topic) => [...pick(topic)]);

const STAGE_TABLE = `create temp table if not exists seed_stage (
  n bigint primary key, created_at timestamptz not null, cat text not null, prio text not null, typ text, via text not null,
  lang int not null, topic int not null, agent int, grp int, cust int not null, tags text[] not null, msgs int not null,
  product int not null, order_no bigint not null, u_grp float8 not null, life interval not null,
  solved_at timestamptz, closed_at timestamptz, updated_at timestamptz, end_at timestamptz, opened_at timestamptz,
  version int, ticket_id bigint, requester_id bigint, assignee_id bigint, group_id bigint, org_id bigint, subject text)`;

/** Step 1: the random choices. $1 from, $2 to, $3 total, $4 since, $5 agents, $6 customers, $7 topic tags, $8 extra tags. */
const FILL_STAGE = `
insert into seed_stage (n, created_at, cat, prio, typ, via, lang, topic, agent, cust, tags, msgs, product, order_no, u_grp, life)
select g.n, g.created_at, s.cat,
  case when g.up < .15 then 'low' when g.up < .75 then 'normal' when g.up < .95 then 'high' else 'urgent' end,
  (array['question', 'incident', 'problem', 'task'])[1 + floor(g.ut * 5)::int],
  case when g.uv < .40 then 'email' when g.uv < .55 then 'web' when g.uv < .68 then 'chat' when g.uv < .76 then 'api'
       when g.uv < .82 then 'portal' when g.uv < .93 then 'wechat' else 'phone' end,
  case when g.ul < .55 then 0 when g.ul < .90 then 1 else 2 end,
  g.topic,
  case when s.cat = 'new' or (s.cat = 'open' and g.ua < .15) then null else floor(g.ua2 * $5)::int end,
  floor(power(g.uc, 1.3) * $6)::int,
  array_remove(array[($7::text[])[1 + g.topic],
    case when g.ux < .05 then ($8::text[])[1] when g.ux < .07 then ($8::text[])[2] when g.ux < .12 then ($8::text[])[3]
         when g.ux < .16 then ($8::text[])[4] when g.ux < .19 then ($8::text[])[5] when g.ux < .20 then ($8::text[])[6] end], null),
  case when s.cat = 'new' then 1 + (g.um < .2)::int else least(15, 1 + floor(-ln(1 - g.um) * 4.6))::int end,
  floor(g.upr * ${words.PRODUCTS.length})::int, 10000000 + floor(g.uo * 89999999)::bigint, g.ug,
  interval '1 hour' * (0.2 + -ln(1 - g.uli) * 30)
from (
  select n, $4::timestamptz + (n - 1 + random()) / $3 * (now() - interval '1 hour' - $4::timestamptz) as created_at,
    random() as us, random() as up, random() as ut, random() as uv, random() as ul, floor(random() * ${words.TOPICS.length})::int as topic,
    random() as ua, random() as ua2, random() as uc, random() as ux, random() as um, random() as upr, random() as uo,
    random() as ug, random() as uli
  from generate_series($1::bigint, $2::bigint) n
) g
cross join lateral (select case
  when g.n > $3 * 0.9 then case when g.us < .09 then 'new' when g.us < .28 then 'open' when g.us < .46 then 'pending'
                                when g.us < .55 then 'on_hold' when g.us < .95 then 'solved' else 'closed' end
  else case when g.us < .003 then 'open' when g.us < .005 then 'pending' when g.us < .006 then 'on_hold' else 'closed' end
  end as cat) s`;

/**
 * Step 2: times and people, in three passes (each reads what the one before wrote). Closed
 * tickets were solved after their life span and closed four days later (auto-close); recently
 * solved ones fall within the auto-close window, so the job leaves them alone.
 * $1 group count, $2 agent ids, $3 customer ids, $4 customer orgs.
 */
const SETTLE_PEOPLE = `
update seed_stage s set
  grp = case when s.agent is not null then s.agent % $1 when s.u_grp < .7 then floor(s.u_grp / .7 * $1)::int end,
  solved_at = case s.cat
    when 'closed' then least(s.created_at + s.life, now() - interval '2 minutes')
    when 'solved' then greatest(s.created_at + interval '10 minutes', now() - random() * interval '3 days') end,
  requester_id = ($3::bigint[])[1 + s.cust],
  org_id = nullif(($4::bigint[])[1 + s.cust], 0),
  assignee_id = ($2::bigint[])[1 + s.agent],
  version = 1 + (s.cat <> 'new')::int + (s.cat in ('pending', 'on_hold'))::int + (s.cat in ('solved', 'closed'))::int + (s.cat = 'closed')::int`;
/** $1 group ids. */
const SETTLE_GROUPS = `
update seed_stage s set
  group_id = ($1::bigint[])[1 + s.grp],
  closed_at = case when s.cat = 'closed' then least(s.solved_at + interval '4 days', now() - interval '1 minute') end,
  updated_at = case when s.cat = 'new' then s.created_at + interval '1 minute' * random() * 30
                    when s.cat in ('solved', 'closed') then s.created_at
                    else s.created_at + (now() - s.created_at) * random() end`;
const SETTLE_TIMES = `
update seed_stage s set
  updated_at = coalesce(s.closed_at, s.solved_at, s.updated_at),
  end_at = coalesce(s.solved_at, s.updated_at),
  opened_at = case when s.cat <> 'new' then s.created_at + (coalesce(s.solved_at, s.updated_at) - s.created_at)
    / s.msgs * random() * 0.9 end`;

/** Step 3: the tickets. $1 tenant, $2 zh subjects, $3 en subjects, $4 topic tags, $5 products, $6 status categories, $7 their ids. */
const INSERT_TICKETS = `
with inserted as (
  insert into tickets (tenant_id, number, subject, status_id, status_category, priority, type, requester_id, submitter_id,
    assignee_id, group_id, organization_id, via, tags, version, created_at, updated_at, solved_at, closed_at)
  select $1, s.n,
    replace(replace(case s.lang
      when 0 then ($2::text[])[s.topic * ${TOPIC_SHAPE.subjects} + 1 + floor(random() * ${TOPIC_SHAPE.subjects})::int]
      when 1 then ($3::text[])[s.topic * ${TOPIC_SHAPE.subjects} + 1 + floor(random() * ${TOPIC_SHAPE.subjects})::int]
      else ($3::text[])[s.topic * ${TOPIC_SHAPE.subjects} + 1 + floor(random() * ${TOPIC_SHAPE.subjects})::int] || '（' || ($4::text[])[1 + s.topic] || '）'
      end, '{order}', 'SO' || s.order_no), '{product}', ($5::text[])[1 + s.product]),
    ($7::bigint[])[array_position($6::text[], s.cat)], s.cat, s.prio, s.typ, s.requester_id, s.requester_id,
    s.assignee_id, s.group_id, s.org_id, s.via, s.tags, s.version, s.created_at, s.updated_at, s.solved_at, s.closed_at
  from seed_stage s order by s.n
  returning id, number, subject)
update seed_stage s set ticket_id = i.id, subject = i.subject from inserted i where s.n = i.number`;

/**
 * Step 4: messages (1-15, five on average) and the whole history, in one statement.
 * Odd messages are the customer's (the first is the request), even ones the agent's: a public
 * reply, or an internal note one time in seven.
 * $1 tenant, $2 agent ids, $3 zh asks, $4 en asks, $5 zh replies, $6 en replies, $7 mixed asks,
 * $8 zh greetings, $9 en greetings, $10 zh closings, $11 en closings, $12 zh follow-ups,
 * $13 en follow-ups, $14 zh openers, $15 en openers, $16 notes, $17 products,
 * $18 status categories, $19 their ids.
 */
const pick = (param: string, offset = '0', size = 0) =>
  size ? `(${param}::text[])[${offset} + 1 + floor(random() * ${size})::int]` : `(${param}::text[])[1 + floor(random() * coalesce(array_length(${param}::text[], 1), 1))::int]`;
const ASKS = TOPIC_SHAPE.asks;
/** The ticket's first or second ask sentence of its topic (two different ones). */
const ask = (param: string, nth: number) => `(${param}::text[])[p.topic * ${ASKS} + 1 + (p.ask + ${nth}) % ${ASKS}]`;
const REPLIES = TOPIC_SHAPE.replies;
const INSERT_HISTORY = `
with planned as (
  select s.*, k, (k % 2 = 0) as from_agent, (k % 2 = 0 and random() < 0.15) as note, floor(random() * ${ASKS})::int as ask,
    case when k = 1 then 0 else (k - 1 + 0.9 * random()) / s.msgs end as at
  from seed_stage s cross join lateral generate_series(1, s.msgs) k
),
written as (
  insert into messages (tenant_id, ticket_id, author_id, public, body, via, created_at)
  select $1, p.ticket_id,
    case when p.from_agent then coalesce(p.assignee_id, ($2::bigint[])[1 + p.n % array_length($2::bigint[], 1)]) else p.requester_id end,
    not p.note,
    replace(replace(case
      when p.k = 1 and p.lang = 0 then ${pick('$8')} || ${ask('$3', 0)} || ${ask('$3', 1)} || ${pick('$10')}
      when p.k = 1 and p.lang = 1 then ${pick('$9')} || ${ask('$4', 0)} || ' ' || ${ask('$4', 1)} || ' ' || ${pick('$11')}
      when p.k = 1 then ${pick('$8')} || ${pick('$7')} || ${ask('$3', 0)} || ${pick('$10')}
      when p.note then ${pick('$16')}
      when p.from_agent and p.lang = 1 then ${pick('$15')} || ${pick('$6', `p.topic * ${REPLIES}`, REPLIES)}
      when p.from_agent then ${pick('$14')} || ${pick('$5', `p.topic * ${REPLIES}`, REPLIES)}
      when p.lang = 1 then ${pick('$13')}
      else ${pick('$12')}
    end || case when p.k = 1 and p.via = 'email' then E'\\n\\n' || case when p.lang = 1 then 'Sent from my iPhone' else '发自我的 iPhone' end else '' end,
    '{order}', 'SO' || p.order_no), '{product}', ($17::text[])[1 + p.product]),
    case when p.from_agent then 'web' else p.via end,
    p.created_at + (p.end_at - p.created_at) * p.at
  from planned p order by p.ticket_id, p.k
  returning id, ticket_id, author_id, public, via, created_at
),
history as (
  select s.ticket_id, 0 as ord, 'ticket.created' as type, 'user' as actor_type, s.requester_id as actor_id, s.via,
    jsonb_build_object('subject', jsonb_build_array(null, s.subject), 'status_category', jsonb_build_array(null, 'new'),
      'status_id', jsonb_build_array(null, ($19::bigint[])[1]::text), 'priority', jsonb_build_array(null, s.prio),
      'type', jsonb_build_array(null, s.typ), 'requester_id', jsonb_build_array(null, s.requester_id::text),
      'organization_id', jsonb_build_array(null, s.org_id::text), 'tags', jsonb_build_array(null, to_jsonb(s.tags)),
      'via', jsonb_build_array(null, s.via))
    || case when s.group_id is not null and s.assignee_id is null then jsonb_build_object('group_id', jsonb_build_array(null, s.group_id::text)) else '{}' end
      as changes,
    jsonb_build_object('number', s.n::text) as data, s.created_at as at
  from seed_stage s
  union all
  select s.ticket_id, 1, 'ticket.updated', 'user', coalesce(s.assignee_id, ($2::bigint[])[1 + s.n % array_length($2::bigint[], 1)]), 'web',
    jsonb_build_object('status_category', jsonb_build_array('new', 'open'), 'status_id', jsonb_build_array(($19::bigint[])[1]::text, ($19::bigint[])[2]::text))
    || case when s.assignee_id is not null then jsonb_build_object('assignee_id', jsonb_build_array(null, s.assignee_id::text),
         'group_id', jsonb_build_array(null, s.group_id::text)) else '{}' end,
    '{}', s.opened_at
  from seed_stage s where s.cat <> 'new'
  union all
  select s.ticket_id, 3, 'ticket.updated', 'user', s.assignee_id, 'web',
    jsonb_build_object('status_category', jsonb_build_array('open', s.cat),
      'status_id', jsonb_build_array(($19::bigint[])[2]::text, ($19::bigint[])[array_position($18::text[], s.cat)]::text)),
    '{}', s.updated_at
  from seed_stage s where s.cat in ('pending', 'on_hold')
  union all
  select s.ticket_id, 4, 'ticket.updated', 'user', s.assignee_id, 'web',
    jsonb_build_object('status_category', jsonb_build_array('open', 'solved'),
      'status_id', jsonb_build_array(($19::bigint[])[2]::text, ($19::bigint[])[array_position($18::text[], 'solved')]::text)),
    '{}', s.solved_at
  from seed_stage s where s.cat in ('solved', 'closed')
  union all
  select s.ticket_id, 5, 'ticket.updated', 'system', null, 'system',
    jsonb_build_object('status_category', jsonb_build_array('solved', 'closed'),
      'status_id', jsonb_build_array(($19::bigint[])[array_position($18::text[], 'solved')]::text, ($19::bigint[])[array_position($18::text[], 'closed')]::text)),
    '{}', s.closed_at
  from seed_stage s where s.cat = 'closed'
  union all
  select w.ticket_id, 2, 'message.created', 'user', w.author_id, w.via, '{}',
    jsonb_build_object('message_id', w.id::text, 'public', w.public, 'author_id', w.author_id::text, 'attachments', 0), w.created_at
  from written w
),
recorded as (
  insert into ticket_events (tenant_id, ticket_id, type, actor_type, actor_id, via, changes, data, created_at)
  select $1, h.ticket_id, h.type, h.actor_type, h.actor_id, h.via, h.changes, h.data, h.at
  from history h order by h.ticket_id, h.at, h.ord
  returning 1
)
select (select count(*) from written) as messages, (select count(*) from recorded) as events`;

const STATUS_ORDER = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;

export async function seedBatch(client: pg.ClientBase, context: BatchContext, from: number, to: number): Promise<BatchCounts> {
  const { tenantId, directory } = context;
  const statusIds = STATUS_ORDER.map((category) => context.statusIds[category]!);
  await client.query('begin');
  try {
    await client.query(STAGE_TABLE);
    await client.query('truncate seed_stage');
    await client.query(FILL_STAGE, [
      from, to, context.total, context.since.toISOString(), directory.agentIds.length, directory.customerIds.length,
      words.TOPICS.map((topic) => topic.tag), words.EXTRA_TAGS,
    ]);
    await client.query(SETTLE_PEOPLE, [directory.groupIds.length, directory.agentIds, directory.customerIds, directory.customerOrgIds]);
    await client.query(SETTLE_GROUPS, [directory.groupIds]);
    await client.query(SETTLE_TIMES);
    const tickets = await client.query(INSERT_TICKETS, [
      tenantId, flat((t) => t.zhSubjects), flat((t) => t.enSubjects), words.TOPICS.map((t) => t.tag), words.PRODUCTS, STATUS_ORDER, statusIds,
    ]);
    const history = await client.query<{ messages: string; events: string }>(INSERT_HISTORY, [
      tenantId, directory.agentIds, flat((t) => t.zhAsks), flat((t) => t.enAsks), flat((t) => t.zhReplies), flat((t) => t.enReplies),
      words.MIXED_ASKS, words.ZH_GREETINGS, words.EN_GREETINGS, words.ZH_CLOSINGS, words.EN_CLOSINGS, words.ZH_FOLLOWUPS,
      words.EN_FOLLOWUPS, words.ZH_AGENT_OPENERS, words.EN_AGENT_OPENERS, words.INTERNAL_NOTES, words.PRODUCTS, STATUS_ORDER, statusIds,
    ]);
    await client.query('commit');
    return { tickets: tickets.rowCount ?? 0, messages: Number(history.rows[0]!.messages), events: Number(history.rows[0]!.events) };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}
