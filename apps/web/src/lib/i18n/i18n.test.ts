import { describe, expect, it } from 'vitest';
import { createI18n } from './i18n';
import { pickInitialLanguage, toLanguage } from './language';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';

type Tree = { [key: string]: string | Tree };

/** Every leaf as `a.b.c` → text. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const result = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') result.set(path, value);
    else for (const [k, v] of leaves(value, path)) result.set(k, v);
  }
  return result;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const english = leaves(en);
const chinese = leaves(zhCN as Tree);

describe('translations', () => {
  it('has every English key in Chinese', () => {
    expect([...english.keys()].filter((key) => !chinese.has(key))).toEqual([]);
  });

  it('has every Chinese key in English', () => {
    expect([...chinese.keys()].filter((key) => !english.has(key))).toEqual([]);
  });

  it('has no empty text', () => {
    const empty = [...english, ...chinese].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('uses the same {{placeholders}} in both languages', () => {
    const mismatched = [...english].filter(([key, text]) => placeholders(text).join() !== placeholders(chinese.get(key) ?? '').join());
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it('really is Chinese in zh-CN: the texts that differ from English contain Chinese characters', () => {
    // Names of languages and brands ("English", "API") are the same in both and allowed.
    const notChinese = [...chinese]
      .filter(([key, text]) => text !== english.get(key) && !/[\u4e00-\u9fff]/.test(text))
      .map(([key]) => key);
    expect(notChinese).toEqual([]);
  });

  it('translates every error code the server modules use today', () => {
    const codes = [
      'VALIDATION_FAILED',
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'CSRF_TOKEN_INVALID',
      'INVALID_CREDENTIALS',
      'LOGIN_RATE_LIMITED',
      'RATE_LIMITED',
      'TENANT_REQUIRED',
      'SETUP_ALREADY_DONE',
      'TENANT_NAME_TAKEN',
      'USER_INACTIVE',
      'TICKET_NOT_FOUND',
      'TICKET_STALE_VERSION',
      'TICKET_CLOSED',
      'NETWORK_ERROR',
      'INTERNAL',
    ];
    for (const language of ['en', 'zh-CN'] as const) {
      const i18n = createI18n(language);
      expect(codes.filter((code) => !i18n.exists(`errors.${code}`))).toEqual([]);
    }
  });

  it('switches language on one instance without touching another', () => {
    const a = createI18n('en');
    const b = createI18n('zh-CN');
    expect(a.t('setup.company')).toBe('Company name');
    expect(b.t('setup.company')).toBe('公司名称');
    void a.changeLanguage('zh-CN');
    expect(a.t('signIn.title')).toBe('登录');
    expect(b.t('signIn.title')).toBe('登录');
    expect(createI18n('en').t('signIn.title')).toBe('Sign in');
  });
});

describe('choosing the language', () => {
  it('maps browser and server tags to the two languages', () => {
    expect(toLanguage('zh')).toBe('zh-CN');
    expect(toLanguage('zh-TW')).toBe('zh-CN');
    expect(toLanguage('zh_Hans_CN')).toBe('zh-CN');
    expect(toLanguage('en-GB')).toBe('en');
    expect(toLanguage('EN')).toBe('en');
    expect(toLanguage('fr-FR')).toBeNull();
    expect(toLanguage(null)).toBeNull();
    expect(toLanguage('')).toBeNull();
  });

  it('prefers what this browser chose before, then its languages, then English', () => {
    expect(pickInitialLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(pickInitialLanguage(null, ['fr-FR', 'zh-CN', 'en'])).toBe('zh-CN');
    expect(pickInitialLanguage('garbage', ['en-US'])).toBe('en');
    expect(pickInitialLanguage(null, ['de-DE'])).toBe('en');
    expect(pickInitialLanguage(null, [])).toBe('en');
  });
});
