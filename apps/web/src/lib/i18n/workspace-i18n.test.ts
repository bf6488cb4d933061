import { describe, expect, it } from 'vitest';
import { createI18n } from './i18n';
import { workspaceEn } from './locales/workspace.en';
import { workspaceZhCN } from './locales/workspace.zh-CN';

type Tree = { [key: string]: string | Tree };

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
const english = leaves(workspaceEn);
const chinese = leaves(workspaceZhCN as Tree);

describe('workspace translations', () => {
  it('has the same keys in both languages, none empty, with the same placeholders', () => {
    expect([...english.keys()].filter((key) => !chinese.has(key))).toEqual([]);
    expect([...chinese.keys()].filter((key) => !english.has(key))).toEqual([]);
    expect([...english, ...chinese].filter(([, text]) => !text.trim()).map(([key]) => key)).toEqual([]);
    const mismatched = [...english].filter(([key, text]) => placeholders(text).join() !== placeholders(chinese.get(key) ?? '').join());
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it('really is Chinese in zh-CN', () => {
    // Texts made only of placeholders and punctuation ("#{{number}}：{{reason}}") have nothing to translate.
    const words = (text: string) => text.replace(/\{\{\s*\w+\s*\}\}/g, '');
    const notChinese = [...chinese]
      .filter(([key, text]) => text !== english.get(key) && /[A-Za-z]/.test(words(text)) && !/[\u4e00-\u9fff]/.test(text))
      .map(([key]) => key);
    expect(notChinese).toEqual([]);
  });

  it('is reachable under ws. in the app’s i18n', () => {
    expect(createI18n('en').t('ws.rail.newTicket')).toBe('New ticket');
    expect(createI18n('zh-CN').t('ws.presence.replying', { name: '王芳' })).toBe('王芳 正在回复');
  });
});
