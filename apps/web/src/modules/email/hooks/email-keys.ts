import type { InboundQuery } from '../api/email-api';

/** Query keys of the email module: one root, so a sign-out or tenant change clears them all. */
export const emailKeys = {
  all: ['email'] as const,
  mailboxes: () => [...emailKeys.all, 'mailboxes'] as const,
  mailbox: (id: string) => [...emailKeys.mailboxes(), id] as const,
  inboundRoot: () => [...emailKeys.all, 'inbound'] as const,
  inbound: (query: InboundQuery) => [...emailKeys.inboundRoot(), { status: query.status, mailbox_id: query.mailbox_id ?? '' }] as const,
};
