/**
 * Text normalisation shared by indexing, querying and highlighting: NFKC (full-width Latin and
 * digits become half-width, compatibility forms fold), lower case (PostgreSQL's C-locale
 * parser would not lower non-ASCII letters itself), and every symbol that is neither a letter nor
 * a digit outside ASCII (CJK punctuation, emoji) turned into a space. ASCII punctuation is kept:
 * PostgreSQL's parser reads e-mail addresses, hosts, versions and hyphenated words from it.
 */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}\p{M}\x00-\x7f]/gu, ' ');
}

/** Characters written without spaces between words: Han ideographs and Japanese kana. */
export const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]/u;
const CJK_RUNS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]+/gu;

export interface TextRun {
  text: string;
  cjk: boolean;
}

/** Splits normalised text into alternating CJK runs and other text, in order. */
export function splitRuns(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let last = 0;
  for (const match of text.matchAll(CJK_RUNS)) {
    if (match.index > last) runs.push({ text: text.slice(last, match.index), cjk: false });
    runs.push({ text: match[0], cjk: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last), cjk: false });
  return runs;
}

/** Overlapping character pairs of a CJK run ("物流延迟" -> 物流 流延 延迟); the run itself if one character. */
export function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars.length === 1 ? [run] : [];
  const pairs: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) pairs.push(chars[i]! + chars[i + 1]!);
  return pairs;
}

/** Latin words worth remembering for typo tolerance: ASCII letters only, 3 to 40 long. */
export function latinWords(normalised: string): string[] {
  return normalised.match(/\b[a-z]{3,40}\b/g) ?? [];
}
