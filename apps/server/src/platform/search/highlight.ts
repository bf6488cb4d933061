import { CJK_CHAR, normalizeText } from './normalize.ts';
import type { MatchTerms } from './tsquery.ts';

/**
 * Marks the query's terms in a text and cuts a window around the best spot: the HTML is the
 * text escaped, with each hit in <mark>…</mark>. CJK terms match as substrings of the
 * normalised text (full-width and case folded); a Latin word matches when its stem equals a term's
 * stem (`stem` comes from PostgreSQL's english stemmer, so "refunded" is marked for "refunds").
 */
export interface Highlighted {
  html: string;
  hits: number;
}

const escapeHtml = (value: string) =>
  value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

/** The normalised text with, for each of its UTF-16 units, the raw range it came from. */
function normaliseWithMap(raw: string) {
  let normalised = '';
  const from: number[] = [];
  const to: number[] = [];
  let at = 0;
  for (const char of raw) {
    const folded = normalizeText(char);
    for (let i = 0; i < folded.length; i++) {
      from.push(at);
      to.push(at + char.length);
    }
    normalised += folded;
    at += char.length;
  }
  return { normalised, from, to };
}

/** A run of letters and digits that are not CJK. */
const LATIN_TOKEN = new RegExp(`(?:(?!${CJK_CHAR.source})[\\p{L}\\p{N}])+`, 'gu');

/** The Latin (non-CJK) words of a text, normalised: what `stem` must know. */
export function latinTokens(text: string): string[] {
  return normalizeText(text).match(LATIN_TOKEN) ?? [];
}

export function highlight(
  raw: string,
  terms: MatchTerms & { latinStems: ReadonlySet<string> },
  stem: (word: string) => string,
  window = 160,
): Highlighted {
  const { normalised, from, to } = normaliseWithMap(raw);
  const hits: Array<[number, number]> = [];
  for (const term of new Set(terms.cjk)) {
    if (term === '') continue;
    for (let index = normalised.indexOf(term); index >= 0; index = normalised.indexOf(term, index + term.length)) {
      hits.push([index, index + term.length]);
    }
  }
  const latin = new Set(terms.latin);
  for (const match of normalised.matchAll(LATIN_TOKEN)) {
    const word = match[0];
    if (latin.has(word) || terms.latinStems.has(stem(word))) hits.push([match.index, match.index + word.length]);
  }
  hits.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const hit of hits) {
    const last = merged.at(-1);
    if (last && hit[0] <= last[1]) last[1] = Math.max(last[1], hit[1]);
    else merged.push([hit[0], hit[1]]);
  }
  const spans = merged.map(([start, end]): [number, number] => [from[start] ?? raw.length, to[end - 1] ?? raw.length]);

  let start = 0;
  let end = raw.length;
  if (raw.length > window) {
    let best = spans[0]?.[0] ?? 0;
    let bestCount = 0;
    for (const [spanStart] of spans) {
      const count = spans.filter(([s, e]) => s >= spanStart && e <= spanStart + window).length;
      if (count > bestCount) [best, bestCount] = [spanStart, count];
    }
    start = Math.max(0, Math.min(best - Math.floor(window / 4), raw.length - window));
    // Never cut a surrogate pair.
    if (start > 0 && /[\udc00-\udfff]/.test(raw[start]!)) start--;
    end = Math.min(raw.length, start + window);
    if (end < raw.length && /[\udc00-\udfff]/.test(raw[end]!)) end++;
  }
  let html = start > 0 ? '…' : '';
  let at = start;
  let count = 0;
  for (const [spanStart, spanEnd] of spans) {
    if (spanEnd <= start || spanStart >= end) continue;
    const s = Math.max(spanStart, start);
    const e = Math.min(spanEnd, end);
    html += `${escapeHtml(raw.slice(at, s))}<mark>${escapeHtml(raw.slice(s, e))}</mark>`;
    at = e;
    count++;
  }
  html += escapeHtml(raw.slice(at, end)) + (end < raw.length ? '…' : '');
  return { html: html.replace(/\s+/g, ' ').trim(), hits: count };
}
