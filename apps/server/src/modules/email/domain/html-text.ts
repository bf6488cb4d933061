import { compile } from 'html-to-text';

/**
 * Readable plain text for an HTML-only mail: paragraphs and line breaks kept, links as their
 * text, images and hidden parts (style, script, head) left out, nothing upper-cased or wrapped.
 */
export function htmlToPlainText(html: string): string {
  try {
    return (convert ??= compile(OPTIONS))(html)
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  } catch {
    // Pathological HTML: tags stripped by hand is still better than nothing.
    return html
      .replace(/<(style|script|head)[\s\S]*?<\/\1>/gi, '')
      .replace(/<br\s*\/?>|<\/(p|div|tr|li|h\d)>/gi, '\n')
      .replace(/<[^>]*>/g, '')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }
}

// Compiled once: building the converter costs far more than running it.
let convert: ((html: string) => string) | undefined;

const OPTIONS = {
  wordwrap: false as const,
  limits: { maxInputLength: 5_000_000, maxDepth: 500 },
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
};
