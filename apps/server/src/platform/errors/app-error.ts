/**
 * The one error type services throw. `code` is stable and documented; `status` is the HTTP
 * status the error handler answers with. Repositories never throw these.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly errors: ReadonlyArray<{ path: string; message: string; code?: string }>;
  readonly extra: Record<string, unknown>;

  constructor(
    code: string,
    status: number,
    detail: string,
    options: { errors?: AppError['errors']; extra?: Record<string, unknown> } = {},
  ) {
    super(detail);
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.errors = options.errors ?? [];
    this.extra = options.extra ?? {};
  }
}

export const notFound = (code: string, what: string) => new AppError(code, 404, `${what} was not found`);
export const forbidden = (detail = 'You are not allowed to do this') => new AppError('FORBIDDEN', 403, detail);
export const unauthenticated = (detail = 'Sign in or send a valid API token') =>
  new AppError('UNAUTHENTICATED', 401, detail);
export const invalid = (code: string, detail: string, errors: AppError['errors'] = []) =>
  new AppError(code, 400, detail, { errors });
export const conflict = (code: string, detail: string) => new AppError(code, 409, detail);
