import { sql, type Transaction } from 'kysely';

export interface CustomerRef {
  id: string;
  organization_id: string | null;
}

/**
 * The customer with this email in the tenant, created when unknown. Concurrent calls for the
 * same new email converge on one row (the unique index on lower(email) decides).
 */
export async function findOrCreateCustomerByEmail(
  trx: Transaction<any>,
  tenantId: string,
  input: { email: string; name?: string | null },
): Promise<CustomerRef> {
  const email = input.email.trim();
  const found = await sql<CustomerRef>`
    select id, organization_id from users where tenant_id = ${tenantId} and lower(email) = lower(${email})`.execute(trx);
  if (found.rows[0]) return found.rows[0];
  const name = input.name?.trim() || email.split('@')[0] || email;
  const domain = email.split('@')[1]?.toLowerCase() ?? '';
  const inserted = await sql<CustomerRef>`
    insert into users (tenant_id, role, name, email, organization_id)
    values (${tenantId}, 'customer', ${name}, ${email},
      (select id from organizations where tenant_id = ${tenantId} and ${domain} = any(domains) order by id limit 1))
    on conflict (tenant_id, lower(email)) where email is not null do nothing
    returning id, organization_id`.execute(trx);
  if (inserted.rows[0]) return inserted.rows[0];
  const raced = await sql<CustomerRef>`
    select id, organization_id from users where tenant_id = ${tenantId} and lower(email) = lower(${email})`.execute(trx);
  return raced.rows[0]!;
}
