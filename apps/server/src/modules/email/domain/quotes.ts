import { splitHtml } from './quote-html.ts';
import { findCutLine } from './quote-lines.ts';

/** Written above our replies; what a customer writes above it is the new part. */
export const REPLY_MARKER_TEXT = '##- 请在此行上方回复 / Please type your reply above this line -##';

export interface FoldedBody {
  visibleText: string;
  /** the folded history and signature, null when nothing was folded */
  quotedText: string | null;
  /** null when the mail has no HTML */
  visibleHtml: string | null;
  quotedHtml: string | null;
}

/**
 * Folds quoted history and signatures (shown collapsed; the raw keeps everything). Text and
 * HTML are cut independently, each at its earliest separator; a cut that would leave nothing
 * visible is not made.
 */
export function foldQuotes(text: string, html: string | null): FoldedBody {
  const folded = foldText(text ?? '');
  const htmlSplit = html ? splitHtml(html) : null;
  return {
    ...folded,
    visibleHtml: html ? (htmlSplit?.visible ?? html) : null,
    quotedHtml: htmlSplit?.quoted ?? null,
  };
}

function foldText(text: string): { visibleText: string; quotedText: string | null } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const cut = findCutLine(lines);
  if (cut === null) return { visibleText: text.trim(), quotedText: null };
  const visible = lines.slice(0, cut).join('\n').trim();
  const quoted = lines.slice(cut).join('\n').trim();
  if (!visible || !quoted) return { visibleText: text.trim(), quotedText: null };
  return { visibleText: visible, quotedText: quoted };
}
