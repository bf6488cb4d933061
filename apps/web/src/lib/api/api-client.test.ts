import { describe, expect, it } from 'vitest';
import { createApiClient } from './api-client';
import { ApiError, parseRetryAfter, toApiError } from './api-error';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/** A fetch that answers from a script and records what was sent. */
function fakeFetch(answer: (call: Call, index: number) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const call: Call = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: typeof init?.body === 'string' ? init.body : undefined,
    };
    calls.push(call);
    return answer(call, calls.length - 1);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const problem = (status: number, code: string, detail: string, extra: Record<string, unknown> = {}) =>
  new Response(JSON.stringify({ type: 'about:blank', title: 'x', status, code, detail, errors: [], ...extra }), {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8' },
  });

describe('API client', () => {
  it('returns the JSON body of a successful answer and builds the query string without empty values', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { data: [], next_cursor: null }));
    const api = createApiClient({ fetch });
    const page = await api.get('/api/v1/tickets', { query: { limit: 25, cursor: null, sort: undefined, status: '' } });
    expect(page).toEqual({ data: [], next_cursor: null });
    expect(calls[0].url).toBe('/api/v1/tickets?limit=25');
    expect(calls[0].method).toBe('GET');
  });

  it('turns a problem document into an ApiError with its code, detail and field errors', async () => {
    const { fetch } = fakeFetch(
      () =>
        new Response(
          JSON.stringify({
            type: 'https://switchboard.dev/problems/validation-failed',
            title: 'Bad Request',
            status: 400,
            code: 'VALIDATION_FAILED',
            detail: 'The request is not valid',
            errors: [{ path: 'body.email', message: 'Invalid email address', code: 'invalid_format' }],
          }),
          { status: 400, headers: { 'content-type': 'application/problem+json' } },
        ),
    );
    const error = await createApiClient({ fetch })
      .post('/api/v1/setup', { email: 'nope' }, { anonymous: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: 'The request is not valid',
      errors: [{ path: 'body.email', message: 'Invalid email address', code: 'invalid_format' }],
    });
  });

  it('gives answers without a problem document a code from their status', async () => {
    const { fetch } = fakeFetch(() => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    const error = (await createApiClient({ fetch }).get('/api/v1/tickets').catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('INTERNAL');
    expect(error.status).toBe(502);
  });

  it('reports a failed connection as NETWORK_ERROR', async () => {
    const fetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof globalThis.fetch;
    const error = (await createApiClient({ fetch }).get('/api/v1/tickets').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.status).toBe(0);
  });

  it('reads the wait from Retry-After or from the problem itself', async () => {
    const { fetch } = fakeFetch(() => problem(429, 'LOGIN_RATE_LIMITED', 'Too many failed sign-ins; try again in 30 s', { retry_after: 30 }));
    const error = (await createApiClient({ fetch }).post('/api/v1/auth/login', {}, { anonymous: true }).catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('LOGIN_RATE_LIMITED');
    expect(error.retryAfterSeconds).toBe(30);

    const fromHeader = toApiError(429, { status: 429, code: 'RATE_LIMITED', detail: 'slow down' }, '12');
    expect(fromHeader.retryAfterSeconds).toBe(12);
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:30 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(30);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });

  it('keeps extra members of the problem readable (the companies offered with TENANT_REQUIRED)', async () => {
    const tenants = [
      { slug: 'acme', name: 'Acme' },
      { slug: 'globex', name: 'Globex' },
    ];
    const { fetch } = fakeFetch(() => problem(409, 'TENANT_REQUIRED', 'choose one', { tenants }));
    const error = (await createApiClient({ fetch }).post('/api/v1/auth/login', {}, { anonymous: true }).catch((e: unknown) => e)) as ApiError;
    expect(error.extra('tenants')).toEqual(tenants);
  });

  it('sends the CSRF token it was given on writes, never on reads', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, {}));
    const api = createApiClient({ fetch });
    api.setCsrfToken('token-1');
    await api.get('/api/v1/tickets/1');
    await api.patch('/api/v1/tickets/1', { status: 'open' }, { headers: { 'if-match': '3' } });
    expect(calls[0].headers['x-csrf-token']).toBeUndefined();
    expect(calls[1].headers['x-csrf-token']).toBe('token-1');
    expect(calls[1].headers['if-match']).toBe('3');
    expect(calls[1].headers['content-type']).toBe('application/json');
    expect(JSON.parse(calls[1].body!)).toEqual({ status: 'open' });
  });

  it('fetches the token from /auth/me before the first write when it holds none', async () => {
    const { fetch, calls } = fakeFetch((call) =>
      call.url === '/api/v1/auth/me' ? json(200, { user: {}, tenant: {}, csrf_token: 'from-me' }) : json(201, { id: '9' }),
    );
    await createApiClient({ fetch }).post('/api/v1/tickets/1/messages', { body: 'hi', public: true });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET /api/v1/auth/me', 'POST /api/v1/tickets/1/messages']);
    expect(calls[1].headers['x-csrf-token']).toBe('from-me');
  });

  it('sends no token and asks for none on the writes made before a session exists', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { user: {}, tenant: {}, csrf_token: 't' }));
    await createApiClient({ fetch }).post('/api/v1/auth/login', { email: 'a@b.c', password: 'x' }, { anonymous: true });
    expect(calls).toHaveLength(1);
    expect(calls[0].headers['x-csrf-token']).toBeUndefined();
  });

  it('refreshes a refused CSRF token once and retries the write', async () => {
    const { fetch, calls } = fakeFetch((call, index) => {
      if (call.url === '/api/v1/auth/me') return json(200, { user: {}, tenant: {}, csrf_token: 'fresh' });
      return index === 0 ? problem(403, 'CSRF_TOKEN_INVALID', 'Send the X-CSRF-Token header') : new Response(null, { status: 204 });
    });
    const api = createApiClient({ fetch });
    api.setCsrfToken('stale');
    await expect(api.post('/api/v1/auth/logout')).resolves.toBeUndefined();
    expect(calls.map((c) => [c.url, c.headers['x-csrf-token']])).toEqual([
      ['/api/v1/auth/logout', 'stale'],
      ['/api/v1/auth/me', undefined],
      ['/api/v1/auth/logout', 'fresh'],
    ]);
  });

  it('does not retry a write refused for another reason', async () => {
    const { fetch, calls } = fakeFetch(() => problem(403, 'FORBIDDEN', 'no'));
    const api = createApiClient({ fetch });
    api.setCsrfToken('t');
    await expect(api.post('/api/v1/tickets', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(calls).toHaveLength(1);
  });

  it('surfaces 412 on a stale version as TICKET_STALE_VERSION', async () => {
    const { fetch } = fakeFetch(() => problem(412, 'TICKET_STALE_VERSION', 'The ticket changed since version 3'));
    const api = createApiClient({ fetch });
    api.setCsrfToken('t');
    await expect(api.patch('/api/v1/tickets/1', { status: 'solved' }, { headers: { 'if-match': '3' } })).rejects.toMatchObject({
      status: 412,
      code: 'TICKET_STALE_VERSION',
    });
  });
});
