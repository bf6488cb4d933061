import { describe, expect, it } from 'vitest';
import { highlight, latinTokens } from '../../src/platform/search/highlight.ts';
import { indexText } from '../../src/platform/search/index-text.ts';
import { bigrams, normalizeText, splitRuns } from '../../src/platform/search/normalize.ts';
import { getSegmenter, intlSegmenter } from '../../src/platform/search/segmenter.ts';
import { buildTsQuery, quoteOperand, typoCandidates } from '../../src/platform/search/tsquery.ts';
import { queryCases, segmentationCases } from './segmentation-fixture.ts';

const HAN = /\p{Script=Han}/u;
const segmenter = getSegmenter();

describe('segmentation quality on the labelled fixture', () => {
  it('uses jieba here (the measured choice)', () => {
    expect(segmenter.name).toBe('jieba');
  });

  it('keeps at least 88% of the key words whole (Intl.Segmenter measured 80%)', () => {
    let hit = 0;
    let all = 0;
    for (const c of segmentationCases) {
      const words = new Set(segmenter.cut(c.text));
      for (const key of c.key) {
        all++;
        if (words.has(key)) hit++;
      }
    }
    expect(hit / all).toBeGreaterThanOrEqual(0.88);
  });

  it('every fixture query finds its sentence through the index rule (pairs + words)', () => {
    for (const { query, finds } of queryCases) {
      const document = new Set(indexText(segmentationCases[finds]!.text, segmenter).split(' '));
      const words = segmenter.cut(query).filter((w) => HAN.test(w) && [...w].length > 1);
      for (const word of words.length > 0 ? words : [query]) {
        const found = document.has(word) || bigrams(word).every((pair) => document.has(pair));
        expect(found, `${query} -> ${word}`).toBe(true);
      }
    }
  });

  it('the Intl.Segmenter fallback still segments', () => {
    expect(intlSegmenter().cut('我的物流一直延迟')).toEqual(['我的', '物流', '一直', '延迟']);
  });
});

describe('normalisation and document text', () => {
  it('folds full-width forms and case, drops CJK punctuation, keeps ASCII punctuation', () => {
    expect(normalizeText('ＡＢＣ１２３，Refund！ user@Example.com 3.2.1')).toBe('abc123,refund! user@example.com 3.2.1');
    expect(normalizeText('退款。你好【急】')).toBe('退款 你好 急 ');
  });

  it('splits CJK runs from other text', () => {
    expect(splitRuns('我的iPhone坏了')).toEqual([{ text: '我的', cjk: true }, { text: 'iPhone', cjk: false }, { text: '坏了', cjk: true }]);
    expect(bigrams('物流延迟')).toEqual(['物流', '流延', '延迟']);
    expect(bigrams('王')).toEqual(['王']);
  });

  it('writes pairs in order, then the words, and Latin text untouched', () => {
    expect(indexText('我的iPhone 15坏了，申请退款', segmenter)).toBe('我的 iphone 15 坏了 , 申请 请退 退款 我 的 坏 了 申请 退款');
    expect(indexText('王經理', segmenter)).toBe('王經 經理 王經理');
  });
});

describe('tsquery building', () => {
  const term = (text: string, options: { phrase?: boolean; negated?: boolean } = {}) => ({ text, phrase: options.phrase ?? false, negated: options.negated ?? false });

  it('free CJK words: segmented, every word required', () => {
    expect(buildTsQuery([term('物流延迟')], segmenter).query).toBe(`('物流' & '延迟')`);
    expect(buildTsQuery([term('王經理')], segmenter).query).toBe(`('王經理' | ('王經' & '經理'))`);
    expect(buildTsQuery([term('王')], segmenter).query).toBe(`'王':*`);
  });

  it('Latin words with typo corrections, phrases as chains, exclusions last', () => {
    const built = buildTsQuery([term('-spam', {}), term('spam', { negated: true }), term('pasword'), term('申请退款 now', { phrase: true })], segmenter, new Map([['pasword', ['password']]]));
    expect(built.query).toBe(`'-spam' & ('pasword' | 'password') & ('申请' <-> '请退' <-> '退款' <-> 'now') & !'spam'`);
    expect(built.match).toEqual({ cjk: ['申请退款'], latin: ['-spam', 'pasword', 'password', 'now'] });
    expect(built.positive).toBe(true);
  });

  it('exclusions only have no positive part; punctuation alone is no query', () => {
    expect(buildTsQuery([term('spam', { negated: true })], segmenter)).toMatchObject({ query: `!'spam'`, positive: false });
    expect(buildTsQuery([term('!!!')], segmenter).query).toBeNull();
  });

  it('quotes operands safely and asks typo corrections only for plain Latin words', () => {
    expect(quoteOperand(`it's a \\ test`)).toBe(`'it''s a \\\\ test'`);
    expect(typoCandidates([term('Pasword'), term('abc'), term('退款'), term('refund', { negated: true }), term('exact words', { phrase: true })])).toEqual(['pasword']);
  });
});

describe('highlighting', () => {
  const stem = (word: string) => word.replace(/(ed|s)$/, '');
  const terms = (cjk: string[], latin: string[]) => ({ cjk, latin, latinStems: new Set(latin.map(stem)) });

  it('marks CJK substrings and Latin words by stem, escaping everything else', () => {
    const marked = highlight('我的物流一直<延迟> & customer REFUNDED it', terms(['物流', '延迟'], ['refunds']), stem);
    expect(marked.html).toBe('我的<mark>物流</mark>一直&lt;<mark>延迟</mark>&gt; &amp; customer <mark>REFUNDED</mark> it');
    expect(marked.hits).toBe(3);
  });

  it('matches full-width text and cuts a window around the best spot', () => {
    expect(highlight('ＲＥＦＵＮＤ please', terms([], ['refund']), stem).html).toBe('<mark>ＲＥＦＵＮＤ</mark> please');
    const long = `${'前'.repeat(300)}申请退款${'后'.repeat(300)}`;
    const marked = highlight(long, terms(['退款'], []), stem, 100);
    expect(marked.html.startsWith('…')).toBe(true);
    expect(marked.html.endsWith('…')).toBe(true);
    expect(marked.html).toContain('申请<mark>退款</mark>');
  });

  it('never injects markup from the text', () => {
    expect(highlight('<script>alert("x")</script> refund', terms([], ['refund']), stem).html).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>refund</mark>');
    expect(latinTokens('我的iPhone15坏了 Refunded')).toEqual(['iphone15', 'refunded']);
  });
});
