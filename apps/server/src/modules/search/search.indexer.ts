import { sql, type Transaction } from 'kysely';
import { indexText } from '../../platform/search/index-text.ts';
import { latinWords, normalizeText } from '../../platform/search/normalize.ts';
import type { Segmenter } from '../../platform/search/segmenter.ts';

/**
 * Writes search documents from the rows as they are now, so applying it twice, or for an old
 * event, leaves the same document (idempotent). Builds of one document are serialised by an
 * advisory lock: a build waits for one in progress and then reads the newer rows.
 */
const MAX_TICKET_TEXT = 200_000;

async function lockDocuments(trx: Transaction<any>, tenantId: string, kind: string, ids: string[]) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`search:${kind}:${tenantId}:`} || id::text, 0))
    from unnest(${[...ids].sort()}::bigint[]) as id`.execute(trx);
}

async function rememberWords(trx: Transaction<any>, tenantId: string, texts: string[]) {
  const words = new Set<string>();
  for (const text of texts) for (const word of latinWords(normalizeText(text))) words.add(word);
  if (words.size === 0) return;
  // Sorted, so concurrent builds insert shared words in one order (no deadlock).
  await sql`insert into search_words (tenant_id, word) select ${tenantId}, w from unnest(${[...words].sort()}::text[]) as w
    on conflict do nothing`.execute(trx);
}

/** "liu.yang@example.cn" -> "liu.yang@example.cn liu yang example.cn example" */
export function emailWords(email: string | null): string {
  if (!email) return '';
  const [local = '', domain = ''] = email.toLowerCase().split('@');
  return [email, local.split(/[._+-]+/).join(' '), domain, domain.split('.')[0] ?? ''].join(' ');
}

/** "+86 138-0013-8000" -> "+86 138-0013-8000 8613800138000 13800138000" */
export function phoneWords(phone: string | null): string {
  if (!phone) return '';
  const digits = phone.replace(/\D/g, '');
  return [phone, digits, digits.length > 11 ? digits.slice(-11) : ''].join(' ');
}

interface TicketSource {
  id: string;
  subject: string;
  tags: string[];
  requester_name: string | null;
  requester_email: string | null;
}

/** (Re)builds the documents of these tickets; returns how many were written. */
export async function indexTickets(trx: Transaction<any>, tenantId: string, ids: string[], segmenter: Segmenter): Promise<number> {
  if (ids.length === 0) return 0;
  await lockDocuments(trx, tenantId, 'ticket', ids);
  const { rows: tickets } = await sql<TicketSource>`
    select t.id, t.subject, t.tags, u.name as requester_name, u.email as requester_email
    from tickets t left join users u on u.tenant_id = t.tenant_id and u.id = t.requester_id
    where t.tenant_id = ${tenantId} and t.id = any(${ids}::bigint[])`.execute(trx);
  if (tickets.length === 0) return 0;
  const { rows: messages } = await sql<{ ticket_id: string; public: boolean; body: string }>`
    select ticket_id, public, body from messages
    where tenant_id = ${tenantId} and ticket_id = any(${tickets.map((t) => t.id)}::bigint[]) order by ticket_id, id`.execute(trx);
  const bodies = new Map<string, { public: string[]; internal: string[]; size: number }>();
  for (const message of messages) {
    const entry = bodies.get(message.ticket_id) ?? { public: [], internal: [], size: 0 };
    if (entry.size < MAX_TICKET_TEXT) {
      (message.public ? entry.public : entry.internal).push(message.body);
      entry.size += message.body.length;
    }
    bodies.set(message.ticket_id, entry);
  }
  const columns = { id: [] as string[], subject: [] as string[], tags: [] as string[], requester: [] as string[], pub: [] as string[], internal: [] as string[] };
  const texts: string[] = [];
  for (const ticket of tickets) {
    const body = bodies.get(ticket.id) ?? { public: [], internal: [], size: 0 };
    const requester = `${ticket.requester_name ?? ''} ${emailWords(ticket.requester_email)}`;
    const publicText = body.public.join('\n');
    const internalText = body.internal.join('\n');
    columns.id.push(ticket.id);
    columns.subject.push(indexText(ticket.subject, segmenter));
    columns.tags.push(indexText(ticket.tags.join(' '), segmenter));
    columns.requester.push(indexText(requester, segmenter));
    columns.pub.push(indexText(publicText, segmenter, MAX_TICKET_TEXT));
    columns.internal.push(indexText(internalText, segmenter, MAX_TICKET_TEXT));
    texts.push(ticket.subject, publicText, internalText);
  }
  await sql`
    insert into search_tickets (tenant_id, ticket_id, public_vec, staff_vec, indexed_at)
    select ${tenantId}, v.id, v.public_vec, case when v.internal_vec <> ''::tsvector then v.public_vec || v.internal_vec end, now()
    from (
      select x.id,
        setweight(to_tsvector('english', x.subject), 'A') || setweight(to_tsvector('english', x.tags), 'B')
          || setweight(to_tsvector('english', x.requester), 'C') || setweight(to_tsvector('english', x.pub), 'D') as public_vec,
        setweight(to_tsvector('english', x.internal), 'D') as internal_vec
      from unnest(${columns.id}::bigint[], ${columns.subject}::text[], ${columns.tags}::text[], ${columns.requester}::text[],
                  ${columns.pub}::text[], ${columns.internal}::text[]) as x (id, subject, tags, requester, pub, internal)
    ) v
    on conflict (tenant_id, ticket_id) do update
      set public_vec = excluded.public_vec, staff_vec = excluded.staff_vec, indexed_at = excluded.indexed_at`.execute(trx);
  await rememberWords(trx, tenantId, texts);
  return tickets.length;
}

/** (Re)builds the documents of these users: name (A), e-mail and phone (B). */
export async function indexUsers(trx: Transaction<any>, tenantId: string, ids: string[], segmenter: Segmenter): Promise<number> {
  if (ids.length === 0) return 0;
  await lockDocuments(trx, tenantId, 'user', ids);
  const { rows } = await sql<{ id: string; name: string; email: string | null; phone: string | null }>`
    select id, name, email, phone from users where tenant_id = ${tenantId} and id = any(${ids}::bigint[])`.execute(trx);
  if (rows.length === 0) return 0;
  await sql`
    insert into search_users (tenant_id, user_id, vec, indexed_at)
    select ${tenantId}, x.id, setweight(to_tsvector('english', x.name), 'A') || setweight(to_tsvector('english', x.contact), 'B'), now()
    from unnest(${rows.map((r) => r.id)}::bigint[], ${rows.map((r) => indexText(r.name, segmenter))}::text[],
                ${rows.map((r) => indexText(`${emailWords(r.email)} ${phoneWords(r.phone)}`, segmenter))}::text[]) as x (id, name, contact)
    on conflict (tenant_id, user_id) do update set vec = excluded.vec, indexed_at = excluded.indexed_at`.execute(trx);
  await rememberWords(trx, tenantId, rows.map((r) => r.name));
  return rows.length;
}

/** (Re)builds the documents of these organizations: name (A), domains (B). */
export async function indexOrganizations(trx: Transaction<any>, tenantId: string, ids: string[], segmenter: Segmenter): Promise<number> {
  if (ids.length === 0) return 0;
  await lockDocuments(trx, tenantId, 'organization', ids);
  const { rows } = await sql<{ id: string; name: string; domains: string[] }>`
    select id, name, domains from organizations where tenant_id = ${tenantId} and id = any(${ids}::bigint[])`.execute(trx);
  if (rows.length === 0) return 0;
  const domainText = (domains: string[]) => domains.map((d) => `${d} ${d.split('.')[0] ?? ''}`).join(' ');
  await sql`
    insert into search_organizations (tenant_id, organization_id, vec, indexed_at)
    select ${tenantId}, x.id, setweight(to_tsvector('english', x.name), 'A') || setweight(to_tsvector('english', x.domains), 'B'), now()
    from unnest(${rows.map((r) => r.id)}::bigint[], ${rows.map((r) => indexText(r.name, segmenter))}::text[],
                ${rows.map((r) => indexText(domainText(r.domains), segmenter))}::text[]) as x (id, name, domains)
    on conflict (tenant_id, organization_id) do update set vec = excluded.vec, indexed_at = excluded.indexed_at`.execute(trx);
  await rememberWords(trx, tenantId, rows.map((r) => r.name));
  return rows.length;
}

/** Tickets whose requester is one of these users (their documents carry the requester's name). */
export async function ticketIdsOfRequesters(trx: Transaction<any>, tenantId: string, userIds: string[], afterId: string, limit: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`select id from tickets where tenant_id = ${tenantId}
    and requester_id = any(${userIds}::bigint[]) and id > ${afterId} order by id limit ${limit}`.execute(trx);
  return rows.map((row) => row.id);
}
