import { highlight, latinTokens } from '../../platform/search/highlight.ts';
import type { MatchTerms } from '../../platform/search/tsquery.ts';
import type { SearchRepo } from './search.repo.ts';

/**
 * Highlighting of one result page: every Latin word of the page's texts is stemmed by
 * PostgreSQL in one round trip, then each text is marked in JS (see platform/search/highlight).
 */
export interface PageHighlighter {
  title: (text: string) => string;
  /** The best passage among the texts (most marks; the first on a tie), or '' when there is none. */
  snippet: (texts: string[]) => string;
}

const MAX_WORDS = 5_000;

export async function pageHighlighter(repo: SearchRepo, match: MatchTerms, texts: string[]): Promise<PageHighlighter> {
  const words = new Set<string>(match.latin);
  for (const text of texts) {
    for (const token of latinTokens(text)) {
      if (words.size >= MAX_WORDS) break;
      words.add(token);
    }
  }
  const stems = match.latin.length > 0 ? await repo.stems([...words]) : new Map<string, string>();
  const stem = (word: string) => stems.get(word) ?? word;
  const terms = { ...match, latinStems: new Set(match.latin.map(stem)) };
  return {
    title: (text) => highlight(text, terms, stem, 300).html,
    snippet: (candidates) => {
      let best: { html: string; hits: number } | undefined;
      for (const text of candidates) {
        const marked = highlight(text, terms, stem, 200);
        if (!best || marked.hits > best.hits) best = marked;
      }
      return best?.html ?? '';
    },
  };
}
