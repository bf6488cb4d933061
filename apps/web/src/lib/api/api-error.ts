/** One field problem inside a problem document (`path` like `body.email`). */
export interface FieldProblem {
  path: string;
  message: string;
  code?: string;
}

/** An RFC 9457 problem document as the server sends it. */
export interface ProblemDocument {
  type?: string;
  title?: string;
  status: number;
  code: string;
  detail?: string;
  errors?: FieldProblem[];
  [extra: string]: unknown;
}

/**
 * Every failed API call becomes one of these: `code` is the server's stable code (or
 * NETWORK_ERROR / UNKNOWN when there is no problem document), which the UI translates.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string | undefined;
  readonly errors: FieldProblem[];
  readonly problem: ProblemDocument | undefined;
  /** From `Retry-After` or the problem's own retry field, when the server says how long to wait. */
  readonly retryAfterSeconds: number | undefined;

  constructor(init: {
    status: number;
    code: string;
    detail?: string;
    errors?: FieldProblem[];
    problem?: ProblemDocument;
    retryAfterSeconds?: number;
  }) {
    super(init.detail ?? init.code);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.problem = init.problem;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /** Extra members of the problem document (e.g. the companies offered with TENANT_REQUIRED). */
  extra<T = unknown>(name: string): T | undefined {
    return this.problem?.[name] as T | undefined;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

function isProblemDocument(body: unknown): body is ProblemDocument {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { code?: unknown }).code === 'string' &&
    (body as { code: string }).code.length > 0
  );
}

/** Seconds from a `Retry-After` header (delta-seconds or an HTTP date). */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function retryFromProblem(body: ProblemDocument): number | undefined {
  for (const key of ['retry_after_seconds', 'retry_after', 'retryAfter']) {
    const value = body[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return Math.ceil(value);
  }
  return undefined;
}

/** Turns a non-2xx answer into an ApiError, whatever its body looks like. */
export function toApiError(status: number, body: unknown, retryAfterHeader?: string | null): ApiError {
  const headerWait = parseRetryAfter(retryAfterHeader);
  if (isProblemDocument(body)) {
    return new ApiError({
      status: typeof body.status === 'number' ? body.status : status,
      code: body.code,
      detail: typeof body.detail === 'string' ? body.detail : undefined,
      errors: Array.isArray(body.errors) ? body.errors.filter((e) => e && typeof e.path === 'string') : [],
      problem: body,
      retryAfterSeconds: retryFromProblem(body) ?? headerWait,
    });
  }
  const detail = typeof body === 'string' && body.length > 0 && body.length < 300 ? body : undefined;
  return new ApiError({ status, code: codeForStatus(status), detail, retryAfterSeconds: headerWait });
}

/** A code for answers that carry no problem document (a proxy's 502, say). */
function codeForStatus(status: number): string {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'INTERNAL';
  return 'UNKNOWN';
}

export function networkError(cause: unknown): ApiError {
  const error = new ApiError({ status: 0, code: 'NETWORK_ERROR', detail: cause instanceof Error ? cause.message : undefined });
  return error;
}
