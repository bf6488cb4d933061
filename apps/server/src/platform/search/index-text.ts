import { bigrams, normalizeText, splitRuns } from './normalize.ts';
import type { Segmenter } from './segmenter.ts';

/**
 * The text PostgreSQL turns into a tsvector (with the 'english' configuration) for one field.
 * Latin text goes through as it is, so PostgreSQL stems it and reads e-mails, versions and
 * hyphenated words. Each CJK run becomes its overlapping character pairs, in order and one
 * position apart, so any two-character word is found wherever it sits and a quoted phrase is an
 * exact substring (a chain of pairs); then the segmenter's words of the run are appended, which
 * ranks real words higher and lets one-character words be found.
 *   "我的iPhone坏了" -> "我的 iphone 坏了 我的 坏 了"
 */
export function indexText(text: string, segmenter: Segmenter, maxChars = 200_000): string {
  const normalised = normalizeText(text.length > maxChars ? text.slice(0, maxChars) : text);
  const main: string[] = [];
  const words: string[] = [];
  for (const run of splitRuns(normalised)) {
    if (!run.cjk) {
      main.push(run.text);
      continue;
    }
    main.push(` ${bigrams(run.text).join(' ')} `);
    for (const word of segmenter.cut(run.text)) words.push(word);
  }
  const joined = main.join('').replace(/\s+/g, ' ').trim();
  return words.length > 0 ? `${joined} ${words.join(' ')}` : joined;
}
