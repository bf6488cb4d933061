import { Parser } from 'htmlparser2';
import { findCutLine, FORWARD_MARKER } from './quote-lines.ts';

/**
 * Splits an HTML body where quoted history starts: the clients' own quote containers
 * (Apple/Thunderbird `blockquote type=cite`, Gmail `gmail_quote`, Outlook `appendonsend` and
 * `divRplyFwdMsg`, QQMail/Foxmail `includetail` and `original-content`, Yahoo), or the line
 * the text rules (quote-lines.ts) pick in the rendered text. The visible part gets closing
 * tags for what was left open; the caller sanitises both parts.
 */
export function splitHtml(html: string): { visible: string; quoted: string } | null {
  const scan = scanHtml(html);
  const cutLine = findCutLine(scan.lines.map((line) => line.text));
  // Gmail wraps a forwarded message in the same container as a quote: that one stays visible.
  const marker = scan.markers.find((offset) => {
    const first = scan.lines.find((line) => line.textStart >= offset);
    return !first || !FORWARD_MARKER.test(first.text.replace(/\u00a0/g, ' ').trim());
  });
  const candidates = [marker ?? null, cutLine === null ? null : scan.lines[cutLine].offset].filter((x): x is number => x !== null);
  if (!candidates.length) return null;
  const cut = Math.min(...candidates);
  // Never fold everything: something readable (text or an image) must stay above the cut.
  if (!scan.content.some((offset) => offset < cut)) return null;
  const open = scan.elements.filter((element) => element.start < cut && element.end > cut).reverse();
  return {
    visible: html.slice(0, cut) + open.map((element) => `</${element.name}>`).join(''),
    quoted: html.slice(cut),
  };
}

interface Scan {
  /** rendered lines: where the line starts in the HTML, and where its first text is */
  lines: Array<{ text: string; offset: number; textStart: number }>;
  /** offsets of the client quote containers, in order */
  markers: number[];
  /** offsets of visible text and images */
  content: number[];
  elements: Array<{ name: string; start: number; end: number }>;
}

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'div', 'dl', 'dt', 'fieldset',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav',
  'ol', 'p', 'pre', 'section', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const HIDDEN = new Set(['style', 'script', 'head', 'title', 'template']);
const MARKER_IDS = new Set([
  'appendonsend', 'divrplyfwdmsg', 'original-content', 'mail-editor-reference-message-container', 'isreplycontent',
]);
const MARKER_CLASSES = /(?:^|\s)(?:gmail_quote|yahoo_quoted|moz-cite-prefix)(?:\s|$)/i;

function scanHtml(html: string): Scan {
  const scan: Scan = { lines: [], markers: [], content: [], elements: [] };
  const stack: Array<{ name: string; start: number; end: number }> = [];
  let line = { text: '', offset: 0, textStart: -1 };
  let hidden = 0;
  const breakLine = (offset: number) => {
    if (line.text.trim()) {
      scan.lines.push(line);
      line = { text: '', offset, textStart: -1 };
    } else {
      // Nothing written since the last break: keep the earlier offset, so a cut takes the
      // wrappers and blank lines that lead to the folded line along with it.
      line.text = '';
    }
  };
  const parser = new Parser(
    {
      onopentag(name, attribs, implied) {
        if (implied) return;
        const start = parser.startIndex;
        if (!VOID.has(name)) {
          const element = { name, start, end: Number.POSITIVE_INFINITY };
          stack.push(element);
          scan.elements.push(element);
        }
        if (HIDDEN.has(name)) hidden++;
        if (name === 'br') breakLine(parser.endIndex + 1);
        else if (BLOCK.has(name)) breakLine(start);
        // With nothing written on the line yet, the cut goes back to where the line began, so
        // the wrappers, blank lines and Outlook's <hr> above a quote are folded with it.
        if (isMarker(name, attribs)) scan.markers.push(line.text.trim() ? start : line.offset);
        if (name === 'img') {
          // An image is content of its line, as text is (U+FFFC stands for it).
          scan.content.push(start);
          line.text += '\uFFFC';
        }
      },
      onclosetag(name, implied) {
        if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
        for (let i = stack.length - 1; i >= 0; i--) {
          if (stack[i].name !== name) continue;
          stack[i].end = implied ? parser.startIndex : parser.endIndex + 1;
          stack.length = i;
          break;
        }
        if (BLOCK.has(name)) breakLine(parser.endIndex + 1);
      },
      ontext(text) {
        if (hidden) return;
        if (text.trim()) {
          scan.content.push(parser.startIndex);
          if (line.textStart < 0) line.textStart = parser.startIndex;
        }
        line.text += text;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  if (line.text.trim()) scan.lines.push(line);
  return scan;
}

function isMarker(name: string, attribs: Record<string, string>): boolean {
  if (name === 'includetail') return true;
  if (name === 'blockquote' && (attribs.type ?? '').toLowerCase() === 'cite') return true;
  if (MARKER_IDS.has((attribs.id ?? '').toLowerCase())) return true;
  return MARKER_CLASSES.test(attribs.class ?? '');
}
