import { describe, expect, it } from 'vitest';
import { addressParts, deliveryPollMs, deliveryView, hasQuote } from './message-email';

const delivery = (over: Partial<{ status: 'pending' | 'sent' | 'failed' | 'suppressed'; attempts: number; error: string | null; sent_at: string | null }>) => ({
  status: 'pending' as const,
  attempts: 0,
  error: null,
  sent_at: null,
  ...over,
});

describe('the delivery state of an emailed reply', () => {
  it('reads "sending" until the first attempt fails, then shows the failure while it retries', () => {
    expect(deliveryView(delivery({}))).toEqual({ tone: 'pending', key: 'pending' });
    expect(deliveryView(delivery({ attempts: 2, error: '451 4.7.1 try later' }))).toEqual({ tone: 'failed', key: 'retrying', error: '451 4.7.1 try later', attempts: 2 });
  });

  it('shows a final failure in the server’s words with the attempt number', () => {
    expect(deliveryView(delivery({ status: 'failed', attempts: 5, error: '550 5.1.1 mailbox unavailable' }))).toEqual({
      tone: 'failed',
      key: 'failed',
      error: '550 5.1.1 mailbox unavailable',
      attempts: 5,
    });
    // No words from the server and no counted attempt still read as a failure, attempt 1.
    expect(deliveryView(delivery({ status: 'failed', attempts: 0, error: '  ' }))).toEqual({ tone: 'failed', key: 'failed', error: undefined, attempts: 1 });
  });

  it('says when it was sent, and nothing for a message that is not emailed', () => {
    expect(deliveryView(delivery({ status: 'sent', attempts: 1, sent_at: '2026-03-01T08:00:00Z' }))).toEqual({ tone: 'sent', key: 'sentAt', sentAt: '2026-03-01T08:00:00Z' });
    expect(deliveryView(delivery({ status: 'sent', attempts: 1 }))).toEqual({ tone: 'sent', key: 'sent' });
    expect(deliveryView(delivery({ status: 'suppressed' }))).toEqual({ tone: 'suppressed', key: 'suppressed', error: undefined });
    expect(deliveryView(delivery({ status: 'suppressed', error: 'outbound mail is disabled for this mailbox' }))).toMatchObject({ error: 'outbound mail is disabled for this mailbox' });
    expect(deliveryView(null)).toBeNull();
    expect(deliveryView(undefined)).toBeNull();
  });

  it('reads the messages again soon while a reply is sending, slowly while it retries, not at all once settled', () => {
    const msg = (d: ReturnType<typeof delivery> | null) => ({ email: d ? { from: null, to: [], cc: [], subject: null, quoted_text: null, quoted_html: null, inbound_id: null, raw_url: null, delivery: d } : null });
    expect(deliveryPollMs([msg(null), msg(delivery({ status: 'sent' }))])).toBe(false);
    expect(deliveryPollMs([msg(delivery({ attempts: 1, error: '451' }))])).toBe(30_000);
    expect(deliveryPollMs([msg(delivery({ attempts: 1, error: '451' })), msg(delivery({}))])).toBe(4_000);
    expect(deliveryPollMs(undefined)).toBe(false);
    expect(deliveryPollMs([{}])).toBe(false);
  });
});

describe('the email header line and quote', () => {
  it('lists only the parts that have addresses', () => {
    expect(addressParts({ from: 'Wu Lan <wu@example.cn>', to: ['help@acme.example'], cc: [] })).toEqual([
      { label: 'from', value: 'Wu Lan <wu@example.cn>' },
      { label: 'to', value: 'help@acme.example' },
    ]);
    expect(addressParts({ from: null, to: ['a@x.example', 'b@x.example'], cc: ['c@x.example'] })).toEqual([
      { label: 'to', value: 'a@x.example, b@x.example' },
      { label: 'cc', value: 'c@x.example' },
    ]);
  });

  it('offers the quote toggle only when there is quoted text', () => {
    expect(hasQuote({ quoted_text: null, quoted_html: null })).toBe(false);
    expect(hasQuote({ quoted_text: ' \n', quoted_html: '' })).toBe(false);
    expect(hasQuote({ quoted_text: '在 2026年3月1日 写道：', quoted_html: null })).toBe(true);
    expect(hasQuote({ quoted_text: null, quoted_html: '<blockquote>old</blockquote>' })).toBe(true);
  });
});
