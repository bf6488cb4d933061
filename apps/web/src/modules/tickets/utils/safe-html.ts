/**
 * Message HTML, rendered safely. The server sanitises HTML before storing it; the browser does
 * not trust that alone. The HTML is parsed by DOMParser into an inert document (no script runs,
 * nothing loads), then walked here against an allow-list into a plain tree of {tag, attrs,
 * children} and strings, which React renders as elements and escaped text. No innerHTML, ever:
 * an attribute or tag that is not on the list simply does not exist in the output.
 */

/** The part of a DOM node the walk reads (DOM nodes fit; tests pass plain objects). */
export interface HtmlNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<HtmlNode>;
  getAttribute?: (name: string) => string | null;
}

export type SafeNode = string | { tag: string; attrs: Record<string, string>; children: SafeNode[] };

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** Kept as they are (their children walked). */
const ALLOWED = new Set([
  'p', 'br', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 's', 'del', 'ins', 'sub', 'sup', 'small', 'mark',
  'a', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'hr', 'img',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
]);
/** Dropped with everything inside them. */
const DROPPED = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'template', 'head', 'title', 'meta', 'link',
  'base', 'svg', 'math', 'noscript', 'textarea', 'select', 'button', 'input', 'form', 'audio', 'video', 'canvas',
]);
const VOID = new Set(['br', 'hr', 'img']);
/** Headings in a message are shown as bold paragraphs: a customer's <h1> must not shout over the page. */
const RENAMED: Record<string, string> = { h1: 'strong', h2: 'strong', h3: 'strong', h4: 'strong', h5: 'strong', h6: 'strong' };

/** Links that may be followed: the web, mail, phone, and this desk's own paths. */
export function safeHref(value: string | null | undefined): string | null {
  if (!value) return null;
  const href = value.trim();
  if (/^(https?:|mailto:|tel:)/i.test(href)) return href;
  if (href.startsWith('/') && !href.startsWith('//')) return href;
  return null;
}

/** Images only from this desk's attachments: no tracking pixels, no data: or javascript: URLs. */
export function safeImageSrc(value: string | null | undefined): string | null {
  if (!value) return null;
  const src = value.trim();
  return /^\/api\/v1\/attachments\/[1-9][0-9]{0,17}$/.test(src) ? src : null;
}

const digits = (value: string | null | undefined) => (value && /^[1-9][0-9]?$/.test(value) ? value : null);

function attributesOf(tag: string, node: HtmlNode): Record<string, string> | null {
  const get = (name: string) => node.getAttribute?.(name) ?? null;
  const attrs: Record<string, string> = {};
  const title = get('title');
  if (title) attrs.title = title.slice(0, 300);
  if (tag === 'a') {
    const href = safeHref(get('href'));
    if (href) Object.assign(attrs, { href, target: '_blank', rel: 'noopener noreferrer nofollow' });
  }
  if (tag === 'img') {
    const src = safeImageSrc(get('src'));
    if (!src) return null;
    attrs.src = src;
    attrs.alt = (get('alt') ?? '').slice(0, 300);
  }
  if (tag === 'td' || tag === 'th') {
    for (const name of ['colspan', 'rowspan']) {
      const value = digits(get(name));
      if (value) attrs[name === 'colspan' ? 'colSpan' : 'rowSpan'] = value;
    }
  }
  return attrs;
}

const MAX_DEPTH = 40;
const MAX_NODES = 5000;

/** Walks a parsed document body into the allow-listed tree. */
export function sanitizeNodes(nodes: ArrayLike<HtmlNode>): SafeNode[] {
  let budget = MAX_NODES;
  const walk = (list: ArrayLike<HtmlNode>, depth: number): SafeNode[] => {
    const out: SafeNode[] = [];
    for (let index = 0; index < list.length; index += 1) {
      if (budget-- <= 0) break;
      const node = list[index];
      if (node.nodeType === TEXT_NODE) {
        if (node.textContent) out.push(node.textContent);
        continue;
      }
      if (node.nodeType !== ELEMENT_NODE) continue;
      const name = node.nodeName.toLowerCase();
      if (DROPPED.has(name)) continue;
      // Too deep: keep the words, lose the nesting.
      if (depth >= MAX_DEPTH) {
        if (node.textContent) out.push(node.textContent);
        continue;
      }
      const children = VOID.has(name) ? [] : walk(node.childNodes, depth + 1);
      if (!ALLOWED.has(name)) {
        out.push(...children);
        continue;
      }
      const attrs = attributesOf(name, node);
      if (!attrs) {
        // An image from elsewhere: say there was one, load nothing.
        const alt = node.getAttribute?.('alt');
        out.push(`[${alt || 'image'}]`);
        continue;
      }
      out.push({ tag: RENAMED[name] ?? name, attrs, children });
    }
    return out;
  };
  return walk(nodes, 0);
}

/** Parses and cleans message HTML in the browser. */
export function sanitizeHtml(html: string, parser: { parseFromString: (s: string, type: 'text/html') => { body: HtmlNode } }): SafeNode[] {
  return sanitizeNodes(parser.parseFromString(html, 'text/html').body.childNodes);
}

export interface MarkedPart {
  text: string;
  marked: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: '\u00a0' };
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, name: string) => ENTITIES[name]);

/**
 * A search snippet with its `<mark>` highlights, as text parts: every other tag in it is shown
 * as the text it is, never as markup.
 */
export function parseMarked(snippet: string): MarkedPart[] {
  const parts: MarkedPart[] = [];
  let marked = false;
  for (const piece of snippet.split(/(<\/?mark>)/i)) {
    const lower = piece.toLowerCase();
    if (lower === '<mark>') marked = true;
    else if (lower === '</mark>') marked = false;
    else if (piece) parts.push({ text: decode(piece), marked });
  }
  return parts;
}
