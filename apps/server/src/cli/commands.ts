import type { Database } from '../platform/db/database.ts';
import { AppError } from '../platform/errors/app-error.ts';
import { tenantProvisioners } from '../app/provisioners.ts';
import { seedBenchmarkTenant } from '../modules/benchmark-seed/index.ts';
import {
  createTenantWithOwner,
  findTenantByNameOrSlug,
  findUserByEmail,
  issueApiToken,
  listTenants,
} from '../modules/identity/index.ts';
import { getSegmenter, reindexTenant } from '../modules/search/index.ts';

/** Where a command writes: results to stdout (scripts read them), messages to stderr. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export class UsageError extends Error {}

export type Options = Record<string, string | boolean | undefined>;

function required(options: Options, name: string): string {
  const value = options[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}

function optional(options: Options, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export async function tenantCreate(db: Database, options: Options, io: CliIo): Promise<void> {
  const locale = optional(options, 'locale');
  if (locale !== undefined && locale !== 'zh-CN' && locale !== 'en') throw new UsageError('--locale must be zh-CN or en');
  const { tenant, owner } = await createTenantWithOwner(
    db,
    {
      company: required(options, 'name'),
      ownerEmail: required(options, 'owner-email'),
      ownerPassword: required(options, 'owner-password'),
      ownerName: optional(options, 'owner-name'),
      locale,
      timeZone: optional(options, 'time-zone'),
    },
    { provisioners: tenantProvisioners, via: 'cli' },
  );
  io.out(`Created tenant "${tenant.name}" (slug ${tenant.slug}, id ${tenant.id}) with owner ${owner.email}`);
}

export async function tenantList(db: Database, _options: Options, io: CliIo): Promise<void> {
  const tenants = await listTenants(db.system);
  if (tenants.length === 0) {
    io.err('No tenants yet: create one with `tenant create` or the first-run page.');
    return;
  }
  io.out(['id', 'slug', 'name', 'created_at'].join('\t'));
  for (const tenant of tenants) io.out([tenant.id, tenant.slug, tenant.name, tenant.created_at.toISOString()].join('\t'));
}

const SCOPES = ['read', 'write', 'admin'] as const;

/** Prints the new token alone on stdout, so `TOKEN=$(npm run -s cli -- token create ...)` works. */
export async function tokenCreate(db: Database, options: Options, io: CliIo): Promise<void> {
  const tenantName = required(options, 'tenant');
  const email = required(options, 'email');
  const scope = optional(options, 'scope') ?? 'read';
  if (!(SCOPES as readonly string[]).includes(scope)) throw new UsageError(`--scope must be one of ${SCOPES.join(', ')}`);
  const tenant = await findTenantByNameOrSlug(db.system, tenantName);
  if (!tenant) throw new UsageError(`No tenant named "${tenantName}" (see \`tenant list\`)`);
  const token = await db.tenantTx(tenant.id, async (trx) => {
    const user = await findUserByEmail(trx, tenant.id, email);
    if (!user) throw new UsageError(`No user with email ${email} in tenant "${tenant.name}"`);
    if (!user.active) throw new UsageError(`User ${email} is deactivated`);
    const issued = await issueApiToken(
      trx,
      { kind: 'cli', tenantId: tenant.id },
      { tenantId: tenant.id, userId: user.id, name: optional(options, 'name') ?? `CLI token (${scope})`, scope: scope as (typeof SCOPES)[number] },
    );
    return issued.token;
  });
  io.out(token);
  io.err(`Created a token with scope ${scope} for ${email} in "${tenant.name}". It is shown only once.`);
}

function wholeNumber(options: Options, name: string, fallback: number): number {
  const value = optional(options, name);
  if (value === undefined) return fallback;
  const number = Number(value.replaceAll('_', '').replaceAll(',', ''));
  if (!Number.isFinite(number) || number <= 0) throw new UsageError(`--${name} must be a positive number`);
  return number;
}

/** `bench seed`: a benchmark tenant with N tickets (progress on stderr, the summary on stdout). */
export async function benchSeed(db: Database, options: Options, io: CliIo): Promise<void> {
  const tickets = wholeNumber(options, 'tickets', 1_000_000);
  if (!Number.isInteger(tickets)) throw new UsageError('--tickets must be a whole number');
  const report = await seedBenchmarkTenant(
    db,
    { tickets, tenant: optional(options, 'tenant'), years: wholeNumber(options, 'years', 2), jobs: Math.floor(wholeNumber(options, 'jobs', 2)) },
    { provisioners: tenantProvisioners, progress: io.err },
  );
  io.out(
    `Seeded "${report.tenant}" (id ${report.tenantId}): ${report.tickets} tickets, ${report.messages} messages, ${report.events} events, ` +
      `${report.agents} agents, ${report.customers} customers, ${report.organizations} organizations in ${report.seconds} s ` +
      `(${Object.entries(report.phases).map(([name, seconds]) => `${name} ${seconds} s`).join(', ')})`,
  );
  io.out(`Agents sign in as agent1..agent${report.agents}@bench.switchboard.test with password ${report.password}`);
}

/** `search reindex --tenant <name|slug|all>`: rebuilds search documents in batches, resumable (progress on stderr). */
export async function searchReindex(db: Database, options: Options, io: CliIo): Promise<void> {
  const wanted = required(options, 'tenant');
  const tenants = wanted === 'all' ? await listTenants(db.system) : [await findTenantByNameOrSlug(db.system, wanted)];
  if (tenants[0] === null || tenants[0] === undefined) {
    if (wanted === 'all') return io.err('No tenants yet.');
    throw new UsageError(`No tenant named "${wanted}" (see \`tenant list\`)`);
  }
  const segmenter = getSegmenter();
  for (const tenant of tenants as Array<{ id: string; name: string }>) {
    const started = performance.now();
    const totals = await reindexTenant(db, tenant.id, {
      segmenter,
      onProgress: (p) => {
        const share = p.total > 0 ? ` (${((100 * p.indexed) / p.total).toFixed(1)}%)` : '';
        const state = p.done ? 'done' : p.resumed ? 'resumed' : 'indexing';
        io.err(`${tenant.name}: ${p.kind} ${state} ${p.indexed.toLocaleString('en')}/${p.total.toLocaleString('en')}${share}, ${Math.round(p.perSecond)}/s`);
      },
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    io.out(`Reindexed "${tenant.name}": ${totals.tickets} tickets, ${totals.users} users, ${totals.organizations} organizations in ${seconds} s (segmenter: ${segmenter.name})`);
  }
}

const flagOf: Record<string, string> = {
  company: '--name',
  ownerEmail: '--owner-email',
  ownerPassword: '--owner-password',
  ownerName: '--owner-name',
  locale: '--locale',
  timeZone: '--time-zone',
};

/** A failure's message for a person at a terminal, naming the flags at fault. */
export function describeError(error: unknown): string {
  if (error instanceof AppError) {
    if (error.code === 'VALIDATION_FAILED') {
      return ['invalid input', ...error.errors.map((e) => `  ${flagOf[e.path] ?? e.path}: ${e.message}`)].join('\n');
    }
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
