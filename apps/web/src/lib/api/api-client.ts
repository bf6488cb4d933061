import { ApiError, networkError, toApiError } from './api-error';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  query?: Record<string, string | number | boolean | null | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** For the calls made before a session exists (sign-in, first-run set-up): no token to send. */
  anonymous?: boolean;
}

export interface ApiClientOptions {
  /** '' for same origin (the default). */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Where the CSRF token comes from when none is held yet: `GET /api/v1/auth/me`. */
  csrfSource?: string;
}

export interface ApiClient {
  request<T>(method: Method, path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  post<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  patch<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  delete<T>(path: string, options?: RequestOptions): Promise<T>;
  /** Sets (or clears) the token sent as X-CSRF-Token; the session module calls this with /auth/me's. */
  setCsrfToken(token: string | null): void;
}

const writeMethods = new Set<Method>(['POST', 'PUT', 'PATCH', 'DELETE']);
const isCsrfRefusal = (error: ApiError) => error.status === 403 && /CSRF/.test(error.code);

export function buildUrl(baseUrl: string, path: string, query?: RequestOptions['query']): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    search.set(name, String(value));
  }
  const qs = search.toString();
  return `${baseUrl}${path}${qs ? `?${qs}` : ''}`;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * The one way the web app talks to the server: same-origin cookies, JSON in and out, the CSRF
 * token on every write, and problem documents turned into ApiError.
 */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const csrfSource = options.csrfSource ?? '/api/v1/auth/me';
  let csrfToken: string | null = null;

  async function fetchCsrfToken(): Promise<string | null> {
    try {
      const response = await doFetch(`${baseUrl}${csrfSource}`, {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      });
      if (!response.ok) return null;
      const body = (await readBody(response)) as { csrf_token?: unknown } | undefined;
      csrfToken = typeof body?.csrf_token === 'string' ? body.csrf_token : null;
      return csrfToken;
    } catch {
      return null;
    }
  }

  async function send<T>(method: Method, path: string, request: RequestOptions, retried: boolean): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    let payload: BodyInit | undefined;
    if (request.body !== undefined) {
      if (request.body instanceof FormData) payload = request.body;
      else {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(request.body);
      }
    }
    if (writeMethods.has(method) && !request.anonymous) {
      // No token held yet (first write after a reload): ask the session for it once.
      const token = csrfToken ?? (await fetchCsrfToken());
      if (token) headers['x-csrf-token'] = token;
    }

    let response: Response;
    try {
      response = await doFetch(buildUrl(baseUrl, path, request.query), {
        method,
        headers,
        body: payload,
        credentials: 'same-origin',
        signal: request.signal,
      });
    } catch (cause) {
      if (request.signal?.aborted) throw cause;
      throw networkError(cause);
    }

    const body = await readBody(response);
    if (response.ok) return body as T;

    const error = toApiError(response.status, body, response.headers.get('retry-after'));
    // A write refused for its CSRF token (none held yet, or the session rotated): fetch the
    // current one and try once more.
    if (writeMethods.has(method) && !request.anonymous && !retried && isCsrfRefusal(error)) {
      csrfToken = null;
      const fresh = await fetchCsrfToken();
      if (fresh) return send<T>(method, path, request, true);
    }
    throw error;
  }

  return {
    request: (method, path, request = {}) => send(method, path, request, false),
    get: (path, request = {}) => send('GET', path, request, false),
    post: (path, body, request = {}) => send('POST', path, { ...request, body }, false),
    patch: (path, body, request = {}) => send('PATCH', path, { ...request, body }, false),
    delete: (path, request = {}) => send('DELETE', path, request, false),
    setCsrfToken(token) {
      csrfToken = token;
    },
  };
}

export { ApiError };
