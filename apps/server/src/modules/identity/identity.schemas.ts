import { z } from 'zod';
import { ROLES } from '../../platform/auth-context/actor.ts';
import { invalid } from '../../platform/errors/app-error.ts';
import { isValidTimeZone } from './domain/role-rules.ts';
import { MIN_PASSWORD_LENGTH } from './passwords.ts';

/** Request pieces shared by the identity routes, the services and the CLI. */
export const idParam = z.object({ id: z.string().regex(/^\d{1,18}$/, 'must be a numeric id') });
export const idString = z.string().regex(/^\d{1,18}$/, 'must be a numeric id');
export const email = z.string().trim().max(254).email();
export const password = z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(256);
export const locale = z.enum(['zh-CN', 'en']);
export const timeZone = z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Shanghai');
export const role = z.enum(ROLES);
export const ticketAccess = z.enum(['all', 'groups', 'assigned']);
export const name = z.string().trim().min(1).max(200);

export const pageQuery = {
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
};

export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), next_cursor: z.string().nullable() });

/** Parses input that did not come through a route schema (CLI, services), as a 400 VALIDATION_FAILED. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw invalid(
    'VALIDATION_FAILED',
    'The request is not valid',
    parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message, code: issue.code })),
  );
}
