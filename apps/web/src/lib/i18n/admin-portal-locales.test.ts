import { describe, expect, it } from 'vitest';
import { createI18n } from './i18n';
import { adminEn, adminErrorsEn } from './locales/admin.en';
import { adminErrorsZhCN, adminZhCN } from './locales/admin.zh-CN';
import { portalEn } from './locales/portal.en';
import { portalZhCN } from './locales/portal.zh-CN';

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

describe.each([
  ['admin', adminEn, adminZhCN],
  ['admin errors', adminErrorsEn, adminErrorsZhCN],
  ['portal', portalEn, portalZhCN],
] as const)('%s strings', (_name, english, chinese) => {
  const en = leaves(english as Tree);
  const zh = leaves(chinese as Tree);

  it('have the same keys in both languages, none empty', () => {
    expect([...en.keys()].filter((key) => !zh.has(key))).toEqual([]);
    expect([...zh.keys()].filter((key) => !en.has(key))).toEqual([]);
    expect([...en, ...zh].filter(([, text]) => !text.trim()).map(([key]) => key)).toEqual([]);
  });

  it('use the same placeholders, and the Chinese really is Chinese', () => {
    expect([...en].filter(([key, text]) => placeholders(text) !== placeholders(zh.get(key) ?? '')).map(([key]) => key)).toEqual([]);
    expect([...zh].filter(([key, text]) => text !== en.get(key) && !/[\u4e00-\u9fff]/.test(text)).map(([key]) => key)).toEqual([]);
  });
});

describe('merged into the app', () => {
  it('reads admin and portal strings and the new error codes in both languages, keeping the existing ones', () => {
    const en = createI18n('en');
    const zh = createI18n('zh-CN');
    expect(en.t('admin.users.invite')).toBe('Invite agent');
    expect(zh.t('admin.users.invite')).toBe('邀请客服');
    expect(zh.t('portal.signIn.sendLink')).toBe('发送登录链接');
    for (const code of ['INVITATION_INVALID', 'MAGIC_LINK_INVALID', 'CUSTOM_FIELD_KEY_TAKEN', 'TICKET_STATUS_IN_USE', 'LOGO_TYPE_UNSUPPORTED']) {
      expect(en.exists(`errors.${code}`), code).toBe(true);
      expect(zh.t(`errors.${code}` as never)).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(en.t('errors.INVALID_CREDENTIALS')).toBe('Wrong email or password.');
    expect(en.t('signIn.title')).toBe('Sign in');
  });
});
