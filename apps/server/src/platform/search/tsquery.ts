import { bigrams, normalizeText, splitRuns } from './normalize.ts';
import type { Segmenter } from './segmenter.ts';

/**
 * Builds the text of a tsquery (for `to_tsquery('english', ...)`, which stems the Latin operands)
 * from what a person typed, matching the way indexText wrote documents:
 * - a Latin piece is one quoted operand (PostgreSQL splits and stems it), OR-ed with its typo
 *   corrections when there are any;
 * - a CJK run is segmented; one-character words are dropped when the run has longer ones (they
 *   are mostly particles); each word must appear: one character as a prefix, two as a lexeme
 *   (a pair or a word), longer ones as the word or all of its pairs;
 * - a phrase is a chain (<->): Latin words in order, CJK text as its pairs in order.
 */
export interface TextTerm {
  text: string;
  phrase: boolean;
  negated: boolean;
}

/** Terms to mark in snippets: CJK strings as substrings, Latin words by their stems. */
export interface MatchTerms {
  cjk: string[];
  latin: string[];
}

export function quoteOperand(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

const hasWordChar = (value: string) => /[\p{L}\p{N}]/u.test(value);
const isTypoCandidate = (piece: string) => /^[a-z]{4,40}$/.test(piece);

function latinPieces(text: string): string[] {
  return text.split(/\s+/).filter((piece) => piece !== '' && hasWordChar(piece));
}

/** Latin words of the positive free words whose typos may be corrected (asked of the vocabulary). */
export function typoCandidates(terms: TextTerm[]): string[] {
  const words = new Set<string>();
  for (const term of terms) {
    if (term.phrase || term.negated) continue;
    for (const run of splitRuns(normalizeText(term.text))) {
      if (!run.cjk) for (const piece of latinPieces(run.text)) if (isTypoCandidate(piece)) words.add(piece);
    }
  }
  return [...words];
}

function cjkWordQuery(word: string): string {
  const length = [...word].length;
  if (length === 1) return `${quoteOperand(word)}:*`;
  if (length === 2) return quoteOperand(word);
  return `(${quoteOperand(word)} | (${bigrams(word).map(quoteOperand).join(' & ')}))`;
}

function cjkWords(run: string, segmenter: Segmenter): string[] {
  const words = segmenter.cut(run);
  const long = words.filter((word) => [...word].length > 1);
  return long.length > 0 ? long : [run];
}

function freeWordQuery(text: string, segmenter: Segmenter, corrections: Map<string, string[]>, match: MatchTerms) {
  const parts: string[] = [];
  for (const run of splitRuns(normalizeText(text))) {
    if (run.cjk) {
      for (const word of cjkWords(run.text, segmenter)) {
        parts.push(cjkWordQuery(word));
        match.cjk.push(word);
      }
      continue;
    }
    for (const piece of latinPieces(run.text)) {
      const alternatives = corrections.get(piece) ?? [];
      match.latin.push(piece, ...alternatives);
      parts.push(alternatives.length === 0 ? quoteOperand(piece) : `(${[piece, ...alternatives].map(quoteOperand).join(' | ')})`);
    }
  }
  return parts;
}

function phraseQuery(text: string, match: MatchTerms): string[] {
  const chain: string[] = [];
  for (const run of splitRuns(normalizeText(text))) {
    if (run.cjk) {
      const pairs = bigrams(run.text);
      chain.push(pairs.length === 1 && [...run.text].length === 1 ? `${quoteOperand(run.text)}:*` : pairs.map(quoteOperand).join(' <-> '));
      match.cjk.push(run.text);
      continue;
    }
    const pieces = latinPieces(run.text);
    if (pieces.length > 0) chain.push(quoteOperand(pieces.join(' ')));
    match.latin.push(...pieces);
  }
  return chain.length > 0 ? [chain.length === 1 ? chain[0]! : `(${chain.join(' <-> ')})`] : [];
}

/**
 * The tsquery text of the terms (null when no term has a searchable word), whether it has a
 * positive part (a query of exclusions only cannot use the index on its own), and what to mark.
 */
export function buildTsQuery(
  terms: TextTerm[],
  segmenter: Segmenter,
  corrections: Map<string, string[]> = new Map(),
): { query: string | null; positive: boolean; match: MatchTerms } {
  const match: MatchTerms = { cjk: [], latin: [] };
  const positive: string[] = [];
  const negative: string[] = [];
  for (const term of terms) {
    const sink: MatchTerms = term.negated ? { cjk: [], latin: [] } : match;
    const parts = term.phrase ? phraseQuery(term.text, sink) : freeWordQuery(term.text, segmenter, corrections, sink);
    if (parts.length === 0) continue;
    const joined = parts.length === 1 ? parts[0]! : `(${parts.join(' & ')})`;
    (term.negated ? negative : positive).push(term.negated ? `!${joined}` : joined);
  }
  const all = [...positive, ...negative];
  return { query: all.length > 0 ? all.join(' & ') : null, positive: positive.length > 0, match };
}
