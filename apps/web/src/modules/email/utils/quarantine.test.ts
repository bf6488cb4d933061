import { describe, expect, it } from 'vitest';
import { attemptFor } from './attempt-key';
import { canMakeTicket, canRetry, KNOWN_REASONS, reasonLabel, replaceRow, statusFromParam } from './quarantine';

describe('quarantine reason codes', () => {
  it('translates the known codes and shows an unknown one as it came', () => {
    expect(reasonLabel('MESSAGE_TOO_LARGE')).toEqual({ key: 'ws.email.reasons.MESSAGE_TOO_LARGE' });
    expect(reasonLabel('SENDER_NOT_ALLOWED')).toEqual({ key: 'ws.email.reasons.SENDER_NOT_ALLOWED' });
    expect(reasonLabel('TNEF_UNSUPPORTED')).toEqual({ text: 'TNEF_UNSUPPORTED' });
    expect(reasonLabel(null)).toBeNull();
    expect(reasonLabel('')).toBeNull();
    expect(KNOWN_REASONS).toEqual([
      'MESSAGE_TOO_LARGE', 'PARSE_FAILED', 'SENDER_NOT_ALLOWED', 'PROCESSING_FAILED', 'AUTO_REPLY', 'BOUNCE', 'MAILING_LIST', 'DUPLICATE', 'NO_SENDER', 'LOOP', 'MAILBOX_GONE',
    ]);
  });
});

it('has a translation for every known reason code in both languages', async () => {
  const { createI18n } = await import('../../../lib/i18n');
  for (const language of ['en', 'zh-CN'] as const) {
    const i18n = createI18n(language);
    expect(KNOWN_REASONS.filter((code) => !i18n.exists(`ws.email.reasons.${code}`))).toEqual([]);
  }
});

describe('what can be done with an inbound message', () => {
  it('retries mail that became nothing: quarantined or ignored', () => {
    expect(canRetry({ status: 'quarantined' })).toBe(true);
    expect(canRetry({ status: 'ignored' })).toBe(true);
    for (const status of ['pending', 'processed', 'duplicate'] as const) expect(canRetry({ status })).toBe(false);
  });

  it('makes a ticket only from mail without one', () => {
    expect(canMakeTicket({ status: 'quarantined', ticket_id: null })).toBe(true);
    expect(canMakeTicket({ status: 'ignored', ticket_id: null })).toBe(true);
    expect(canMakeTicket({ status: 'quarantined', ticket_id: '12' })).toBe(false);
    expect(canMakeTicket({ status: 'processed', ticket_id: null })).toBe(false);
    expect(canMakeTicket({ status: 'pending', ticket_id: null })).toBe(false);
  });

  it('reads the status filter from the address, quarantined by default', () => {
    expect(statusFromParam('ignored')).toBe('ignored');
    expect(statusFromParam(null)).toBe('quarantined');
    expect(statusFromParam('deleted')).toBe('quarantined');
  });

  it('replaces one row by the server’s newer answer, leaving the others', () => {
    const rows = [{ id: '1', status: 'quarantined' }, { id: '2', status: 'quarantined' }];
    expect(replaceRow(rows, { id: '2', status: 'processed' })).toEqual([{ id: '1', status: 'quarantined' }, { id: '2', status: 'processed' }]);
    expect(replaceRow(rows, { id: '9', status: 'processed' })).toEqual(rows);
  });
});

describe('idempotency keys of creating requests', () => {
  it('reuses the key for the same request and makes a new one when it changed', () => {
    let n = 0;
    const next = () => `key-${++n}`;
    const first = attemptFor(null, '{"address":"a@x.example"}', next);
    expect(first.key).toBe('key-1');
    expect(attemptFor(first, '{"address":"a@x.example"}', next)).toBe(first);
    expect(attemptFor(first, '{"address":"b@x.example"}', next).key).toBe('key-2');
  });
});
