import type { z } from 'zod';
import type { InboundEmail, INBOUND_STATUSES, Mailbox, MailboxCreateBody, MailboxTestResult, MailboxUpdateBody } from '@switchboard/contracts';
import { api } from '../../../lib/api';

export type { InboundEmail, Mailbox, MailboxCreateBody, MailboxUpdateBody };
export type MailboxTest = z.infer<typeof MailboxTestResult>;
export type ConnectionTarget = MailboxTest['target'];
export type InboundStatus = (typeof INBOUND_STATUSES)[number];

export interface InboundPage {
  data: InboundEmail[];
  next_cursor: string | null;
}

export interface InboundQuery {
  status: InboundStatus;
  mailbox_id?: string | null;
}

const id = (value: string) => encodeURIComponent(value);
/** The caller keeps one key per attempt (utils/attempt-key.ts): a resend after a lost answer is not applied twice. */
const idempotent = (key: string) => ({ headers: { 'idempotency-key': key } });

export const emailApi = {
  mailboxes: {
    list: (signal?: AbortSignal) => api.get<{ data: Mailbox[] }>('/api/v1/mailboxes', { signal }).then((page) => page.data),
    get: (mailboxId: string, signal?: AbortSignal) => api.get<Mailbox>(`/api/v1/mailboxes/${id(mailboxId)}`, { signal }),
    create: (body: MailboxCreateBody, idempotencyKey: string) => api.post<Mailbox>('/api/v1/mailboxes', body, idempotent(idempotencyKey)),
    update: (mailboxId: string, body: MailboxUpdateBody) => api.patch<Mailbox>(`/api/v1/mailboxes/${id(mailboxId)}`, body),
    remove: (mailboxId: string) => api.delete<void>(`/api/v1/mailboxes/${id(mailboxId)}`),
    /** Connects to the real server with the saved settings; a failure is an answer, not an error. */
    test: (mailboxId: string, target: ConnectionTarget) => api.post<MailboxTest>(`/api/v1/mailboxes/${id(mailboxId)}/test`, { target }),
  },
  inbound: {
    list: (query: InboundQuery, cursor: string | null, signal?: AbortSignal) =>
      api.get<InboundPage>('/api/v1/inbound-emails', {
        query: { status: query.status, mailbox_id: query.mailbox_id, cursor, limit: 50 },
        signal,
      }),
    get: (inboundId: string, signal?: AbortSignal) => api.get<InboundEmail>(`/api/v1/inbound-emails/${id(inboundId)}`, { signal }),
    retry: (inboundId: string) => api.post<InboundEmail>(`/api/v1/inbound-emails/${id(inboundId)}/retry`),
    createTicket: (inboundId: string, idempotencyKey: string) =>
      api.post<{ ticket_id: string }>(`/api/v1/inbound-emails/${id(inboundId)}/create-ticket`, undefined, idempotent(idempotencyKey)),
  },
};
