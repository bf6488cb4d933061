import path from 'node:path';
import { z } from 'zod';

const roles = ['api', 'worker', 'scheduler'] as const;
export type ProcessRole = (typeof roles)[number];

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  SWITCHBOARD_DATA_DIR: z.string().default('data'),
  SWITCHBOARD_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  SWITCHBOARD_ROLES: z
    .string()
    .default('api,worker,scheduler')
    .transform((value) => value.split(',').map((role) => role.trim()).filter(Boolean))
    .pipe(z.array(z.enum(roles)).min(1)),
  SWITCHBOARD_SECRET_KEY: z.string().min(32).optional(),
  SWITCHBOARD_PUBLIC_URL: z.string().url().optional(),
  SWITCHBOARD_TRUST_PROXY: booleanFlag.default(false),
  SWITCHBOARD_COOKIE_SECURE: booleanFlag.optional(),
  SWITCHBOARD_MAX_ATTACHMENT_BYTES: z.coerce.number().int().positive().default(20 * 1024 * 1024),
  /** Outbound mail (invitations, sign-in links): smtp://user:pass@host:587 or smtps://...; unset: mail stays queued. */
  SMTP_URL: z.string().url().refine((url) => /^smtps?:\/\//.test(url), 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().min(3).max(300).default('Switchboard <no-reply@localhost>'),
  /** The built-in SMTP listener for inbound mail (every tenant's mailboxes); 'off' disables it. */
  SWITCHBOARD_SMTP_PORT: z.union([z.literal('off'), z.coerce.number().int().min(0).max(65535)]).default(2525),
  SWITCHBOARD_SMTP_HOST: z.string().default('0.0.0.0'),
  /** The most the listener reads of one message (each mailbox has its own, lower or equal, limit). */
  SWITCHBOARD_SMTP_MAX_BYTES: z.coerce.number().int().min(1024).default(150 * 1024 * 1024),
  /**
   * Worker threads that process inbound mail (worker role). Unset: one on a machine with two or
   * more cores, none on one; 0: on the main thread.
   */
  SWITCHBOARD_INBOUND_THREADS: z.coerce.number().int().min(0).max(16).optional(),
  /**
   * Named prepared statements on our connections and pg-boss's (on by default). Turn off behind a
   * pooler in transaction mode that does not carry them across (PgBouncer before 1.21, or without
   * max_prepared_statements).
   */
  SWITCHBOARD_PREPARED_STATEMENTS: booleanFlag.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof configSchema> & { dataDir: string };

/** Parses the environment once; every problem is listed before the process gives up. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.SWITCHBOARD_DATA_DIR) };
}
