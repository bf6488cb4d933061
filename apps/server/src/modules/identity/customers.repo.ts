import { sql, type Transaction } from 'kysely';
import { normalizeEmail, normalizePhone } from './domain/identity-values.ts';

export interface CustomerRef {
  id: string;
  organization_id: string | null;
  /** 'customer', or a staff role when the address is a staff member's (an agent forwarding mail). */
  role: string;
  active: boolean;
}

/** The owner of an identity, one indexed lookup (user_identities_value_key) and its user row. */
async function ownerOf(trx: Transaction<any>, tenantId: string, kind: 'email' | 'phone', normalized: string): Promise<CustomerRef | undefined> {
  const found = await sql<CustomerRef>`
    select u.id, u.organization_id, u.role, u.active from user_identities i
    join users u on u.tenant_id = i.tenant_id and u.id = i.user_id
    where i.tenant_id = ${tenantId} and i.kind = ${kind} and i.value_normalized = ${normalized}`.execute(trx);
  return found.rows[0];
}

/** The user who has this address as any of their email identities (primary or not). */
export async function findCustomerByEmail(trx: Transaction<any>, tenantId: string, email: string): Promise<CustomerRef | undefined> {
  const normalized = normalizeEmail(email);
  return normalized ? ownerOf(trx, tenantId, 'email', normalized) : undefined;
}

/** The user who has this number as a phone identity; numbers are compared as +digits (see identity-values.ts). */
export async function findCustomerByPhone(trx: Transaction<any>, tenantId: string, phone: string): Promise<CustomerRef | undefined> {
  const normalized = normalizePhone(phone);
  return normalized ? ownerOf(trx, tenantId, 'phone', normalized) : undefined;
}

/**
 * The customer with this email among any of their email identities, created when unknown (with
 * the address as their primary email identity: the users insert trigger of migration 0700 adds
 * it). The common case, a known address, is one indexed query.
 *
 * Concurrent calls for the same new address converge on one row: the insert's arbiter is the
 * unique index on lower(users.email), so the second insert waits for the first to commit, does
 * nothing, and reads the winner. (A new address being added at that very moment as an identity
 * of another customer makes the insert fail with a unique violation; the caller's retry finds
 * that customer.)
 */
export async function findOrCreateCustomerByEmail(
  trx: Transaction<any>,
  tenantId: string,
  input: { email: string; name?: string | null },
): Promise<CustomerRef> {
  const email = input.email.trim();
  const normalized = normalizeEmail(email) ?? email;
  const found = await ownerOf(trx, tenantId, 'email', normalized);
  if (found) return found;
  const name = input.name?.trim() || email.split('@')[0] || email;
  const domain = email.split('@')[1]?.toLowerCase() ?? '';
  const inserted = await sql<CustomerRef>`
    insert into users (tenant_id, role, name, email, organization_id)
    values (${tenantId}, 'customer', ${name}, ${email},
      (select id from organizations where tenant_id = ${tenantId} and ${domain} = any(domains) order by id limit 1))
    on conflict (tenant_id, lower(email)) where email is not null do nothing
    returning id, organization_id, role, active`.execute(trx);
  if (inserted.rows[0]) return inserted.rows[0];
  const raced =
    (await ownerOf(trx, tenantId, 'email', normalized)) ??
    (await sql<CustomerRef>`select id, organization_id, role, active from users
      where tenant_id = ${tenantId} and lower(email) = ${normalized}`.execute(trx)).rows[0];
  return raced!;
}

/**
 * Creates a customer for each address no user has yet, in one statement, in address order. Meant
 * for its own short transaction ahead of a batch that would otherwise create them one by one
 * inside its long one: two batches creating the same new people in opposite orders deadlocked
 * (each insert waits on the unique index for the other's commit), and one waiting on another's
 * new customer waited for its whole batch. Addresses known already are left alone.
 */
export async function createCustomersByEmail(trx: Transaction<any>, tenantId: string, people: ReadonlyArray<{ email: string; name?: string | null }>): Promise<void> {
  const byKey = new Map<string, { key: string; email: string; name: string; domain: string }>();
  for (const person of people) {
    const email = person.email.trim();
    const key = normalizeEmail(email);
    if (!key || byKey.has(key)) continue;
    byKey.set(key, { key, email, name: person.name?.trim() || email.split('@')[0] || email, domain: email.split('@')[1]?.toLowerCase() ?? '' });
  }
  const sorted = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, person]) => person);
  if (sorted.length === 0) return;
  await sql`
    insert into users (tenant_id, role, name, email, organization_id)
    select ${tenantId}, 'customer', p.name, p.email,
      (select o.id from organizations o where o.tenant_id = ${tenantId} and p.domain = any(o.domains) order by o.id limit 1)
    from unnest(${sorted.map((person) => person.key)}::text[], ${sorted.map((person) => person.email)}::text[], ${sorted.map((person) => person.name)}::text[],
      ${sorted.map((person) => person.domain)}::text[]) with ordinality as p(key, email, name, domain, n)
    where not exists (select 1 from user_identities i where i.tenant_id = ${tenantId} and i.kind = 'email' and i.value_normalized = p.key)
    order by p.n
    on conflict (tenant_id, lower(email)) where email is not null do nothing`.execute(trx);
}

/**
 * findOrCreateCustomerByEmail for the many addresses of one transaction (a batch of mail):
 * `preload` reads the known ones in one query, and each address is then read at most once.
 * `forget` after a savepoint rollback: a customer created inside it is gone.
 */
export function customersByEmail(trx: Transaction<any>, tenantId: string) {
  let known = new Map<string, CustomerRef>();
  const keyOf = (email: string) => normalizeEmail(email.trim()) ?? email.trim();
  return {
    async preload(emails: string[]): Promise<void> {
      const keys = [...new Set(emails.map(keyOf))].filter((key) => key && !known.has(key));
      if (keys.length === 0) return;
      const { rows } = await sql<CustomerRef & { value_normalized: string }>`
        select i.value_normalized, u.id, u.organization_id, u.role, u.active from user_identities i
        join users u on u.tenant_id = i.tenant_id and u.id = i.user_id
        where i.tenant_id = ${tenantId} and i.kind = 'email' and i.value_normalized = any(${keys}::text[])`.execute(trx);
      for (const { value_normalized: key, ...person } of rows) known.set(key, person);
    },
    async findOrCreate(input: { email: string; name?: string | null }): Promise<CustomerRef> {
      const key = keyOf(input.email);
      const person = known.get(key) ?? (await findOrCreateCustomerByEmail(trx, tenantId, input));
      known.set(key, person);
      return person;
    },
    /** Everyone read or created so far, for a caller that need not read them again. */
    all: (): CustomerRef[] => [...known.values()],
    forget() {
      known = new Map();
    },
    /** The person with this address, when read or created here already. */
    get: (email: string): CustomerRef | undefined => known.get(keyOf(email)),
  };
}
