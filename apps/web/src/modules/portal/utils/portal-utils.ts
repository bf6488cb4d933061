import type { Message } from '../api/portal-api';

/** The portal's query keys: one root, cleared on sign-out with everything else. */
export const portalKeys = {
  all: ['portal'] as const,
  tenant: (slug: string | null) => [...portalKeys.all, 'tenant', slug ?? ''] as const,
  tickets: () => [...portalKeys.all, 'tickets'] as const,
  ticket: (id: string) => [...portalKeys.all, 'ticket', id] as const,
  messages: (id: string) => [...portalKeys.all, 'ticket', id, 'messages'] as const,
};

const COMPANY_KEY = 'switchboard.portal.company';
const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** The company the portal is for: `?company=` in the address, else the one remembered, else none (single-company install). */
export function portalCompany(search: string, stored: string | null): string | null {
  const fromUrl = new URLSearchParams(search).get('company')?.trim().toLowerCase() ?? '';
  if (SLUG.test(fromUrl)) return fromUrl;
  return stored && SLUG.test(stored) ? stored : null;
}

export function rememberCompany(slug: string | null): void {
  try {
    if (slug) localStorage.setItem(COMPANY_KEY, slug);
  } catch {
    // private mode: nothing to remember
  }
}

export function storedCompany(): string | null {
  try {
    return localStorage.getItem(COMPANY_KEY);
  } catch {
    return null;
  }
}

/** What a customer reads: public messages only, oldest first (the server already withholds internal notes). */
export function customerThread(messages: readonly Message[]): Message[] {
  return messages.filter((message) => message.public).sort((a, b) => a.created_at.localeCompare(b.created_at) || Number(a.id) - Number(b.id));
}

/** Whether a message is the customer's own (shown on the right, "You"). */
export const isOwn = (message: Pick<Message, 'author_id'>, userId: string | undefined) => Boolean(userId) && message.author_id === userId;

/** A fresh key per send attempt: a retried POST after a lost answer is not applied twice. */
export function idempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
