import { describe, expect, it } from 'vitest';
import type { Mailbox } from '../api/email-api';
import { bytesToMb, emptyMailboxValues, formFieldFor, imapHasPassword, mailboxToValues, mbToBytes, messageBytes, problemsToFields, valuesToBody, type MailboxFormValues } from './mailbox-form';

const saved: Mailbox = {
  id: '7',
  address: 'help@acme.example',
  name: 'Acme Support',
  active: true,
  smtp_inbound: true,
  allowed_sender_domains: ['customer.example'],
  imap: { enabled: true, host: 'imap.acme.example', port: 993, secure: true, user: 'help', password_set: true, folder: 'INBOX', poll_seconds: 120, last_polled_at: null, last_error: null },
  outbound: { mode: 'smtp', host: null, port: null, secure: false, user: null, password_set: false },
  default_group_id: '3',
  signature_zh: '客服部',
  signature_en: 'Support team',
  auto_ack_enabled: true,
  auto_ack_per_sender_hour: 3,
  send_limit_per_minute: 60,
  max_message_bytes: 26_214_400,
  quarantined: 2,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
};

const edit = (change: (values: MailboxFormValues) => void) => {
  const values = mailboxToValues(saved);
  change(values);
  return values;
};

describe('message size: bytes in the API, MB in the form', () => {
  it('converts both ways, to two decimals', () => {
    expect(bytesToMb(26_214_400)).toBe(25);
    expect(mbToBytes(25)).toBe(26_214_400);
    expect(bytesToMb(150 * 1024 * 1024)).toBe(150);
    expect(bytesToMb(1_500_000)).toBe(1.43);
    expect(mbToBytes(0.5)).toBe(524_288);
    expect(mbToBytes(1.43)).toBe(1_499_464);
  });

  it('keeps an odd saved byte count when the MB field was not changed, and converts when it was', () => {
    expect(messageBytes(1.43, 1_500_000)).toBe(1_500_000);
    expect(messageBytes(2, 1_500_000)).toBe(2_097_152);
    expect(messageBytes(10)).toBe(10_485_760);
    // 1 KB, the API's minimum, shows as 0 MB; saving untouched keeps it.
    expect(messageBytes(bytesToMb(1024), 1024)).toBe(1024);
  });
});

describe('the form as the API body', () => {
  it('a new mailbox gets the server’s defaults, blank connections as null, and no passwords', () => {
    const values = { ...emptyMailboxValues(), address: ' help@acme.example ', name: ' Acme Support ' };
    const body = valuesToBody(values);
    expect(body).toEqual({
      address: 'help@acme.example',
      name: 'Acme Support',
      active: true,
      default_group_id: null,
      smtp_inbound: true,
      allowed_sender_domains: [],
      imap: { enabled: false, host: null, port: null, secure: true, user: null, folder: 'INBOX', poll_seconds: 60 },
      outbound: { mode: 'smtp', host: null, port: null, secure: false, user: null },
      signature_zh: '',
      signature_en: '',
      auto_ack_enabled: true,
      auto_ack_per_sender_hour: 3,
      send_limit_per_minute: 60,
      max_message_bytes: 26_214_400,
    });
    expect(body.imap).not.toHaveProperty('password');
    expect(body.outbound).not.toHaveProperty('password');
  });

  it('leaves a saved password alone when the field is blank', () => {
    const body = valuesToBody(mailboxToValues(saved), saved);
    expect(body.imap).not.toHaveProperty('password');
    expect(body.outbound).not.toHaveProperty('password');
    expect(body.imap).toMatchObject({ host: 'imap.acme.example', port: 993, user: 'help', poll_seconds: 120 });
    expect(body.max_message_bytes).toBe(26_214_400);
    expect(body.default_group_id).toBe('3');
  });

  it('sends a typed password as typed (spaces are part of a password) and null to remove one', () => {
    const typed = valuesToBody(edit((v) => { v.outbound.password = ' s3cret '; }), saved);
    expect(typed.outbound).toMatchObject({ password: ' s3cret ' });
    const removed = valuesToBody(edit((v) => { v.imap.clear_password = true; v.imap.password = 'ignored'; }), saved);
    expect(removed.imap).toMatchObject({ password: null });
  });

  it('normalises sender domains and clears emptied connection fields to null', () => {
    const body = valuesToBody(edit((v) => {
      v.allowed_sender_domains = ['@Customer.Example', 'customer.example', ' partner.example '];
      v.imap.host = '  ';
      v.imap.user = '';
      v.imap.folder = ' ';
      v.outbound.host = ' smtp.acme.example ';
      v.outbound.port = 2525;
      v.default_group_id = '';
    }), saved);
    expect(body.allowed_sender_domains).toEqual(['customer.example', 'partner.example']);
    expect(body.imap).toMatchObject({ host: null, user: null, folder: 'INBOX' });
    expect(body.outbound).toMatchObject({ host: 'smtp.acme.example', port: 2525 });
    expect(body.default_group_id).toBeNull();
  });

  it('reads a saved mailbox into the form with blank passwords', () => {
    const values = mailboxToValues(saved);
    expect(values.imap).toMatchObject({ password: '', clear_password: false, host: 'imap.acme.example' });
    expect(values.outbound).toMatchObject({ host: '', user: '', password: '' });
    expect(values.max_message_mb).toBe(25);
  });
});

describe('IMAP needs a password to be turned on (as MAILBOX_IMAP_INCOMPLETE says)', () => {
  it('has one when typed, or saved and not removed', () => {
    expect(imapHasPassword({ password: 'x', clear_password: false })).toBe(true);
    expect(imapHasPassword({ password: '', clear_password: false }, saved)).toBe(true);
    expect(imapHasPassword({ password: '', clear_password: true }, saved)).toBe(false);
    expect(imapHasPassword({ password: '', clear_password: false })).toBe(false);
  });
});

describe('the API’s field problems under the form’s fields', () => {
  it('maps paths to nested names, the byte limit to the MB field, list items to the list', () => {
    expect(formFieldFor('body.imap.host')).toEqual(['imap', 'host']);
    expect(formFieldFor('imap.password')).toEqual(['imap', 'password']);
    expect(formFieldFor('address')).toEqual(['address']);
    expect(formFieldFor('body.max_message_bytes')).toEqual(['max_message_mb']);
    expect(formFieldFor('allowed_sender_domains.3')).toEqual(['allowed_sender_domains']);
    expect(formFieldFor('outbound.port')).toEqual(['outbound', 'port']);
    expect(formFieldFor('body')).toBeNull();
    expect(formFieldFor('something_else')).toBeNull();
  });

  it('merges problems of one field and drops the ones without a field', () => {
    expect(
      problemsToFields({
        'imap.host': ['required when IMAP is enabled'],
        'allowed_sender_domains.0': ['must be a domain'],
        'allowed_sender_domains.2': ['must be a domain'],
        '': ['whole body'],
      }),
    ).toEqual([
      { name: ['imap', 'host'], errors: ['required when IMAP is enabled'] },
      { name: ['allowed_sender_domains'], errors: ['must be a domain', 'must be a domain'] },
    ]);
  });
});
