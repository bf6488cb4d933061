import { describe, expect, it } from 'vitest';
import { createI18n } from './i18n';
import { emailAdminEn, emailErrorsEn, emailWorkspaceEn } from './locales/email.en';
import { emailAdminZhCN, emailErrorsZhCN, emailWorkspaceZhCN } from './locales/email.zh-CN';

type Tree = { readonly [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const result = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') result.set(path, value);
    else for (const [k, v] of leaves(value, path)) result.set(k, v);
  }
  return result;
}
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort().join();
// Protocol names (IMAP, SMTP) are the same in both languages.
const words = (text: string) => text.replace(/\{\{\s*\w+\s*\}\}/g, '').replace(/\b(IMAP|SMTP|TLS|MB)\b/g, '');

describe.each([
  ['admin.email', emailAdminEn, emailAdminZhCN],
  ['ws.email', emailWorkspaceEn, emailWorkspaceZhCN],
  ['email errors', emailErrorsEn, emailErrorsZhCN],
] as const)('%s strings', (_name, english, chinese) => {
  const en = leaves(english as Tree);
  const zh = leaves(chinese as Tree);

  it('have the same keys in both languages, none empty, with the same placeholders', () => {
    expect([...en.keys()].filter((key) => !zh.has(key))).toEqual([]);
    expect([...zh.keys()].filter((key) => !en.has(key))).toEqual([]);
    expect([...en, ...zh].filter(([, text]) => !text.trim()).map(([key]) => key)).toEqual([]);
    expect([...en].filter(([key, text]) => placeholders(text) !== placeholders(zh.get(key) ?? '')).map(([key]) => key)).toEqual([]);
  });

  it('really is Chinese in zh-CN', () => {
    const notChinese = [...zh].filter(([key, text]) => text !== en.get(key) && /[A-Za-z]/.test(words(text)) && !/[\u4e00-\u9fff]/.test(text));
    expect(notChinese.map(([key]) => key)).toEqual([]);
  });
});

describe('merged into the app', () => {
  it('reads the email strings under admin.email, ws.email and errors, keeping the others', () => {
    const en = createI18n('en');
    const zh = createI18n('zh-CN');
    expect(en.t('admin.email.nav.mailboxes')).toBe('Mailboxes');
    expect(zh.t('admin.email.nav.quarantine')).toBe('邮件隔离区');
    expect(zh.t('ws.email.reasons.MESSAGE_TOO_LARGE')).toBe('邮件过大');
    expect(en.t('ws.email.message.delivery.failed', { error: '550 5.1.1 no such user', attempts: 3 })).toBe('Sending failed: 550 5.1.1 no such user (attempt 3)');
    expect(zh.t('errors.MAILBOX_ADDRESS_TAKEN' as never)).toMatch(/[\u4e00-\u9fff]/);
    expect(en.t('admin.users.invite')).toBe('Invite agent');
    expect(en.t('ws.rail.newTicket')).toBe('New ticket');
    expect(en.t('errors.INVALID_CREDENTIALS')).toBe('Wrong email or password.');
  });
});
