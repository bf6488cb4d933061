// Measures Chinese segmenters on the labelled fixture: word precision/recall/F1 against the
// hand segmentation, key-word recall, and what matters for search (does the segmented query find
// its sentence, and how many other sentences does it also find). Intl.Segmenter always; jieba
// packages only when importable from NODE_PATH-like dir given as argv[2] (they are not project
// dependencies). Run: node apps/server/test/search/measure-segmentation.ts [/dir/with/node_modules]
import { createRequire } from 'node:module';
import path from 'node:path';
import { queryCases, segmentationCases } from './segmentation-fixture.ts';

type Cut = (text: string) => Array<{ segment: string; index: number }>;

const HAN = /\p{Script=Han}/u;
const hanRuns = (text: string) => text.match(/\p{Script=Han}+/gu) ?? [];

function fromStrings(words: string[], text: string) {
  const out: Array<{ segment: string; index: number }> = [];
  let at = 0;
  for (const word of words) {
    const index = text.indexOf(word, at);
    if (index < 0) continue;
    out.push({ segment: word, index });
    at = index + word.length;
  }
  return out;
}

const segmenters: Record<string, Cut> = {};
const intl = new Intl.Segmenter('zh', { granularity: 'word' });
segmenters['Intl.Segmenter (ICU 78)'] = (text) => [...intl.segment(text)].filter((s) => s.isWordLike).map((s) => ({ segment: s.segment, index: s.index }));

const dir = process.argv[2];
if (dir) {
  const require = createRequire(path.join(dir, 'x.js'));
  try {
    const { Jieba } = require('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict');
    const jieba = Jieba.withDict(dict);
    segmenters['@node-rs/jieba cut (HMM)'] = (text) => fromStrings(jieba.cut(text, true), text);
    segmenters['@node-rs/jieba cut (no HMM)'] = (text) => fromStrings(jieba.cut(text, false), text);
  } catch (error) {
    console.error('no @node-rs/jieba:', (error as Error).message);
  }
  try {
    const wasm = require('jieba-wasm');
    segmenters['jieba-wasm cut (HMM)'] = (text) => fromStrings(wasm.cut(text, true), text);
  } catch (error) {
    console.error('no jieba-wasm:', (error as Error).message);
  }
}

function goldSpans(text: string, gold: string) {
  return fromStrings(gold.split(' '), text);
}

const spanKey = (s: { segment: string; index: number }) => `${s.index}:${s.segment}`;

/** What a document indexes: CJK bigrams of each run (and 1-char runs), plus the segmenter's words. */
function docLexemes(text: string, cut: Cut | null) {
  const lexemes = new Set<string>();
  for (const run of hanRuns(text)) {
    const chars = [...run];
    if (chars.length === 1) lexemes.add(run);
    for (let i = 0; i + 1 < chars.length; i++) lexemes.add(chars[i]! + chars[i + 1]!);
  }
  if (cut) for (const s of cut(text)) if (HAN.test(s.segment)) lexemes.add(s.segment);
  return lexemes;
}
function wordLexemes(text: string, cut: Cut) {
  return new Set(cut(text).filter((s) => HAN.test(s.segment)).map((s) => s.segment));
}
const bigrams = (word: string) => {
  const chars = [...word];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
};
/** The query rule of platform/search: 1 char = prefix, 2 = lexeme, 3+ = word or all its bigrams. */
function matchesWord(word: string, lexemes: Set<string>, withBigrams: boolean) {
  const n = [...word].length;
  if (n === 1) return [...lexemes].some((l) => l.startsWith(word));
  if (lexemes.has(word)) return true;
  return withBigrams && n > 2 && bigrams(word).every((b) => lexemes.has(b));
}

const rows: string[][] = [];
for (const [name, cut] of Object.entries(segmenters)) {
  let tp = 0, predicted = 0, expected = 0, keyHit = 0, keyAll = 0;
  for (const c of segmentationCases) {
    const gold = new Set(goldSpans(c.text, c.gold).filter((s) => HAN.test(s.segment)).map(spanKey));
    const got = new Set(cut(c.text).filter((s) => HAN.test(s.segment)).map(spanKey));
    expected += gold.size;
    predicted += got.size;
    for (const k of got) if (gold.has(k)) tp++;
    const words = new Set(cut(c.text).map((s) => s.segment));
    for (const k of c.key) {
      keyAll++;
      if (words.has(k)) keyHit++;
    }
  }
  const p = tp / predicted, r = tp / expected, f = (2 * p * r) / (p + r);
  const scheme = (withBigrams: boolean, docIndex: (text: string) => Set<string>) => {
    let found = 0, extra = 0;
    const docs = segmentationCases.map((c) => docIndex(c.text));
    for (const q of queryCases) {
      const words = cut(q.query).map((s) => s.segment).filter((w) => HAN.test(w));
      const hit = (lex: Set<string>) => words.length > 0 && words.every((w) => matchesWord(w, lex, withBigrams));
      if (hit(docs[q.finds]!)) found++;
      extra += docs.filter((lex, i) => i !== q.finds && hit(lex)).length;
    }
    return `${found}/${queryCases.length} (+${extra} others)`;
  };
  const sample = segmentationCases.map((c) => c.text).join('').repeat(200);
  const started = performance.now();
  let n = 0;
  for (let i = 0; i < 5; i++) n += cut(sample).length;
  const seconds = (performance.now() - started) / 1000;
  rows.push([
    name,
    (p * 100).toFixed(1), (r * 100).toFixed(1), (f * 100).toFixed(1),
    `${keyHit}/${keyAll}`,
    scheme(false, (t) => wordLexemes(t, cut)),
    scheme(true, (t) => docLexemes(t, cut)),
    `${((sample.length * 5) / seconds / 1e6).toFixed(2)}M chars/s`,
  ]);
}
console.log(['segmenter', 'P%', 'R%', 'F1%', 'key words', 'queries found: words only', 'queries found: words+bigrams', 'speed'].join(' | '));
for (const row of rows) console.log(row.join(' | '));
console.log(`rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
