import { randomBytes } from 'node:crypto';
import type { Role, TokenScope } from '../../src/platform/auth-context/actor.ts';
import type { Database } from '../../src/platform/db/database.ts';
import type { HttpServer } from '../../src/platform/http/create-http-server.ts';
import { tenantProvisioners } from '../../src/app/provisioners.ts';
import {
  createTenantWithOwner,
  findUserById,
  hashPassword,
  issueApiToken,
  type TenantRow,
  type UserRow,
} from '../../src/modules/identity/index.ts';

/**
 * Persisted factories: real rows through the real services, a fresh tenant per test (or per
 * describe) so tests never see each other's data. Shared by every module's tests.
 */
export const DEFAULT_PASSWORD = 'correct-horse-battery-staple';

const unique = () => randomBytes(4).toString('hex');

// Argon2 is slow on purpose: hash each distinct password once per test file.
const hashes = new Map<string, Promise<string>>();
const hashed = (password: string) => {
  let hash = hashes.get(password);
  if (!hash) hashes.set(password, (hash = hashPassword(password)));
  return hash;
};

export interface TestTenant {
  tenant: TenantRow;
  owner: UserRow;
  /** The owner's password (DEFAULT_PASSWORD unless given). */
  password: string;
}

/** A tenant with its owner and the app's provisioned defaults (statuses...), as setup makes it. */
export async function createTenant(
  db: Database,
  options: { name?: string; ownerEmail?: string; ownerName?: string; password?: string; locale?: 'zh-CN' | 'en' } = {},
): Promise<TestTenant> {
  const suffix = unique();
  const password = options.password ?? DEFAULT_PASSWORD;
  const { tenant, owner } = await createTenantWithOwner(
    db,
    {
      company: options.name ?? `Acme ${suffix}`,
      ownerEmail: options.ownerEmail ?? `owner-${suffix}@example.com`,
      ownerName: options.ownerName ?? `Owner ${suffix}`,
      ownerPassword: password,
      locale: options.locale ?? 'en',
      timeZone: 'Asia/Shanghai',
    },
    { provisioners: tenantProvisioners },
  );
  return { tenant, owner, password };
}

export interface CreateUserOptions {
  role?: Role;
  name?: string;
  email?: string | null;
  /** null: no password (cannot sign in). Defaults to DEFAULT_PASSWORD. */
  password?: string | null;
  locale?: 'zh-CN' | 'en' | null;
  organizationId?: string | null;
  groupIds?: string[];
  ticketAccess?: 'all' | 'groups' | 'assigned';
  active?: boolean;
}

/** A user of any role in the tenant (default: an agent with a unique email and DEFAULT_PASSWORD). */
export async function createUser(db: Database, tenantId: string, options: CreateUserOptions = {}): Promise<UserRow> {
  const role = options.role ?? 'agent';
  const suffix = unique();
  const password = options.password === undefined ? DEFAULT_PASSWORD : options.password;
  const passwordHash = password === null ? null : await hashed(password);
  return db.tenantTx(tenantId, async (trx) => {
    const inserted = await trx
      .insertInto('users')
      .values({
        tenant_id: tenantId,
        role,
        name: options.name ?? `${role} ${suffix}`,
        email: options.email === undefined ? `${role}-${suffix}@example.com` : options.email,
        password_hash: passwordHash,
        locale: options.locale ?? null,
        organization_id: options.organizationId ?? null,
        ticket_access: options.ticketAccess ?? 'all',
        active: options.active ?? true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const userId = inserted.id as string;
    if (options.groupIds?.length) {
      await trx
        .insertInto('group_members')
        .values(options.groupIds.map((groupId) => ({ tenant_id: tenantId, group_id: groupId, user_id: userId })))
        .execute();
    }
    return (await findUserById(trx, tenantId, userId))!;
  });
}

/** A group, optionally with members; returns its id. */
export async function createGroup(db: Database, tenantId: string, options: { name?: string; memberIds?: string[] } = {}): Promise<string> {
  return db.tenantTx(tenantId, async (trx) => {
    const group = await trx
      .insertInto('groups')
      .values({ tenant_id: tenantId, name: options.name ?? `Group ${unique()}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (options.memberIds?.length) {
      await trx
        .insertInto('group_members')
        .values(options.memberIds.map((userId) => ({ tenant_id: tenantId, group_id: group.id, user_id: userId })))
        .execute();
    }
    return group.id as string;
  });
}

/** An organization; returns its id. */
export async function createOrganization(db: Database, tenantId: string, options: { name?: string; domains?: string[] } = {}): Promise<string> {
  return db.tenantTx(tenantId, async (trx) => {
    const row = await trx
      .insertInto('organizations')
      .values({ tenant_id: tenantId, name: options.name ?? `Org ${unique()}`, domains: options.domains ?? [] })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id as string;
  });
}

/** A plain API token (sbt_...) for the user, with the given scope (default admin). */
export async function createToken(db: Database, tenantId: string, userId: string, scope: TokenScope = 'admin'): Promise<string> {
  return db.tenantTx(tenantId, async (trx) => {
    const { token } = await issueApiToken(trx, { kind: 'system', tenantId }, { tenantId, userId, name: `test ${scope}`, scope });
    return token;
  });
}

/** Headers for a bearer-token request. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export interface TestSession {
  cookie: string;
  csrfToken: string;
  /** Headers for a cookie-authenticated request (cookie and CSRF token). */
  headers: { cookie: string; 'x-csrf-token': string };
}

/** Signs in through the API, as a browser would; returns the cookie and CSRF token. */
export async function login(
  app: HttpServer,
  email: string,
  password: string = DEFAULT_PASSWORD,
  options: { tenant?: string; remoteAddress?: string } = {},
): Promise<TestSession> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password, ...(options.tenant ? { tenant: options.tenant } : {}) },
    remoteAddress: options.remoteAddress ?? `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.1`,
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  const setCookie = response.cookies.find((c) => c.name === 'sb_session');
  if (!setCookie) throw new Error('login set no sb_session cookie');
  const cookie = `sb_session=${setCookie.value}`;
  const csrfToken = response.json().csrf_token as string;
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}

/**
 * One tenant with a user and an admin-scoped token for every role: what route x role tests need.
 * `tokens.customer` belongs to a customer, and so on.
 */
export async function createTenantWithRoles(db: Database): Promise<
  TestTenant & { users: Record<Role, UserRow>; tokens: Record<Role, string> }
> {
  const base = await createTenant(db);
  const tenantId = base.tenant.id;
  const users = { owner: base.owner } as Record<Role, UserRow>;
  for (const role of ['admin', 'supervisor', 'agent', 'light_agent', 'customer'] as const) {
    users[role] = await createUser(db, tenantId, { role });
  }
  const tokens = {} as Record<Role, string>;
  for (const [role, user] of Object.entries(users) as Array<[Role, UserRow]>) {
    tokens[role] = await createToken(db, tenantId, user.id, 'admin');
  }
  return { ...base, users, tokens };
}
