import type { MessageEmail } from '@switchboard/contracts';

type Delivery = NonNullable<MessageEmail['delivery']>;

/** How an outbound reply's delivery reads on the message: a tone for the tag and its words. */
export interface DeliveryView {
  tone: 'pending' | 'sent' | 'failed' | 'suppressed';
  key: 'pending' | 'sent' | 'sentAt' | 'failed' | 'retrying' | 'suppressed';
  error?: string;
  attempts?: number;
  sentAt?: string;
}

/**
 * Pending with no error yet is "sending…"; pending after a failed attempt is a failure that is
 * being retried (the issue wants failures visible on the message, not hidden behind "sending");
 * failed is final. `error` is the server's own words ("550 mailbox unavailable").
 */
export function deliveryView(delivery: Delivery | null | undefined): DeliveryView | null {
  if (!delivery) return null;
  const error = delivery.error?.trim() || undefined;
  switch (delivery.status) {
    case 'sent':
      return delivery.sent_at ? { tone: 'sent', key: 'sentAt', sentAt: delivery.sent_at } : { tone: 'sent', key: 'sent' };
    case 'suppressed':
      // The server says why ("outbound mail is disabled for this mailbox").
      return { tone: 'suppressed', key: 'suppressed', error };
    case 'failed':
      return { tone: 'failed', key: 'failed', error, attempts: Math.max(1, delivery.attempts) };
    default:
      return error ? { tone: 'failed', key: 'retrying', error, attempts: Math.max(1, delivery.attempts) } : { tone: 'pending', key: 'pending' };
  }
}

/** While a reply is still being sent, the messages are read again: soon at first, slowly once it is retrying. */
export function deliveryPollMs(messages: ReadonlyArray<{ email?: MessageEmail | null }> | undefined): number | false {
  let wait: number | false = false;
  for (const message of messages ?? []) {
    const delivery = message.email?.delivery;
    if (delivery?.status !== 'pending') continue;
    const next = delivery.error ? 30_000 : 4_000;
    wait = wait === false ? next : Math.min(wait, next);
  }
  return wait;
}

/** "From a · To b, c · Cc d": the parts that have addresses, in that order. */
export function addressParts(email: Pick<MessageEmail, 'from' | 'to' | 'cc'>): Array<{ label: 'from' | 'to' | 'cc'; value: string }> {
  const parts: Array<{ label: 'from' | 'to' | 'cc'; value: string }> = [];
  if (email.from) parts.push({ label: 'from', value: email.from });
  if (email.to.length) parts.push({ label: 'to', value: email.to.join(', ') });
  if (email.cc.length) parts.push({ label: 'cc', value: email.cc.join(', ') });
  return parts;
}

/** Whether the folded quote has anything to show. */
export const hasQuote = (email: Pick<MessageEmail, 'quoted_text' | 'quoted_html'>) => Boolean(email.quoted_html?.trim() || email.quoted_text?.trim());
