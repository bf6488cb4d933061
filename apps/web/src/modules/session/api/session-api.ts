import { api, ApiError } from '../../../lib/api';
import type { Language } from '../../../lib/i18n';

export type Role = 'owner' | 'admin' | 'supervisor' | 'agent' | 'light_agent' | 'customer';

export interface SessionUser {
  id: string;
  role: Role;
  name: string;
  email: string | null;
  locale: Language | null;
  time_zone: string | null;
}

export interface SessionTenant {
  id: string;
  name: string;
  slug: string;
  time_zone: string;
  default_locale: Language;
}

/** `GET /api/v1/auth/me`: who is signed in, where, and the CSRF token for writes. */
export interface Session {
  user: SessionUser;
  tenant: SessionTenant;
  csrf_token: string | null;
}

export interface LoginInput {
  email: string;
  password: string;
  /** The company's slug, asked for when the email exists in several (409 TENANT_REQUIRED). */
  tenant?: string;
}

export interface SetupInput {
  company: string;
  name: string;
  email: string;
  password: string;
  locale: Language;
  time_zone: string;
}

/** A company offered with TENANT_REQUIRED. */
export interface TenantChoice {
  slug: string;
  name: string;
}

function remember(session: Session | null): Session | null {
  api.setCsrfToken(session?.csrf_token ?? null);
  return session;
}

function asSession(body: unknown): Session | null {
  const value = body as Partial<Session> | undefined;
  return value && value.user && value.tenant ? (value as Session) : null;
}

export const sessionApi = {
  setupStatus: () => api.get<{ needed: boolean }>('/api/v1/setup'),

  /** The session, or null when nobody is signed in. */
  async me(): Promise<Session | null> {
    try {
      return remember(asSession(await api.get('/api/v1/auth/me')));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return remember(null);
      throw error;
    }
  },

  async login(input: LoginInput): Promise<Session | null> {
    return remember(asSession(await api.post('/api/v1/auth/login', input, { anonymous: true })));
  },

  async setup(input: SetupInput): Promise<Session | null> {
    return remember(asSession(await api.post('/api/v1/setup', input, { anonymous: true })));
  },

  async logout(): Promise<void> {
    try {
      await api.post('/api/v1/auth/logout');
    } finally {
      remember(null);
    }
  },

  /** Saves the signed-in user's language, so every browser they use opens in it. */
  saveMyLanguage: (userId: string, locale: Language) =>
    api.patch<SessionUser>(`/api/v1/users/${encodeURIComponent(userId)}`, { locale }),
};

/** The companies offered by a TENANT_REQUIRED answer (none if the server lists none). */
export function tenantChoices(error: unknown): TenantChoice[] | null {
  if (!(error instanceof ApiError) || error.code !== 'TENANT_REQUIRED') return null;
  const tenants = error.extra<unknown>('tenants');
  if (!Array.isArray(tenants)) return [];
  return tenants.filter(
    (t): t is TenantChoice => typeof t === 'object' && t !== null && typeof t.slug === 'string' && typeof t.name === 'string',
  );
}
