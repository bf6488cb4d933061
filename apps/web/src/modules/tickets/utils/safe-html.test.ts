import { describe, expect, it } from 'vitest';
import { parseMarked, safeHref, safeImageSrc, sanitizeNodes, type HtmlNode } from './safe-html';

/** A tiny stand-in for DOM nodes: el('p', {attrs}, ...children) and plain strings as text. */
function el(name: string, attrs: Record<string, string> = {}, ...children: Array<HtmlNode | string>): HtmlNode {
  const childNodes = children.map((child) => (typeof child === 'string' ? text(child) : child));
  return {
    nodeType: 1,
    nodeName: name.toUpperCase(),
    textContent: childNodes.map((child) => child.textContent).join(''),
    childNodes,
    getAttribute: (key) => attrs[key] ?? null,
  };
}
const text = (value: string): HtmlNode => ({ nodeType: 3, nodeName: '#text', textContent: value, childNodes: [] });

describe('safe message HTML', () => {
  it('keeps formatting, links and attachment images; drops scripts, handlers and styles', () => {
    const tree = sanitizeNodes([
      el('p', { style: 'color:red', onclick: 'alert(1)', class: 'x' }, 'Hello ', el('b', {}, '王芳')),
      el('script', {}, 'alert(1)'),
      el('a', { href: 'https://example.com/track?id=1', onmouseover: 'x()' }, 'the order'),
      el('a', { href: 'javascript:alert(1)' }, 'click'),
      el('img', { src: '/api/v1/attachments/12', alt: 'receipt', onerror: 'x()' }),
      el('img', { src: 'https://tracker.example/pixel.gif', alt: '' }),
      el('iframe', { src: 'https://evil.example' }, 'inside'),
      el('custom-widget', {}, 'kept words'),
      el('h1', {}, 'Shouting'),
    ]);
    expect(tree).toEqual([
      { tag: 'p', attrs: {}, children: ['Hello ', { tag: 'b', attrs: {}, children: ['王芳'] }] },
      { tag: 'a', attrs: { href: 'https://example.com/track?id=1', target: '_blank', rel: 'noopener noreferrer nofollow' }, children: ['the order'] },
      { tag: 'a', attrs: {}, children: ['click'] },
      { tag: 'img', attrs: { src: '/api/v1/attachments/12', alt: 'receipt' }, children: [] },
      '[image]',
      'kept words',
      { tag: 'strong', attrs: {}, children: ['Shouting'] },
    ]);
  });

  it('keeps table spans only as small numbers', () => {
    expect(sanitizeNodes([el('td', { colspan: '2', rowspan: '1e9' }, 'x')])).toEqual([{ tag: 'td', attrs: { colSpan: '2' }, children: ['x'] }]);
  });

  it('flattens absurd nesting instead of recursing forever', () => {
    let node = el('div', {}, 'deep');
    for (let i = 0; i < 100; i += 1) node = el('div', {}, node);
    const flat = JSON.stringify(sanitizeNodes([node]));
    expect(flat).toContain('deep');
    expect(flat.split('"div"').length - 1).toBeLessThanOrEqual(40);
  });

  it('checks link and image addresses', () => {
    expect(safeHref(' JavaScript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<b>')).toBeNull();
    expect(safeHref('//evil.example/x')).toBeNull();
    expect(safeHref('mailto:a@b.cn')).toBe('mailto:a@b.cn');
    expect(safeHref('/tickets/5')).toBe('/tickets/5');
    expect(safeImageSrc('/api/v1/attachments/5')).toBe('/api/v1/attachments/5');
    expect(safeImageSrc('/api/v1/attachments/5/../../auth/logout')).toBeNull();
    expect(safeImageSrc('data:image/png;base64,AAA')).toBeNull();
  });
});

describe('search snippets', () => {
  it('splits <mark> highlights and shows every other tag as text', () => {
    expect(parseMarked('快递 <mark>延迟</mark> 三天 &lt;b&gt;')).toEqual([
      { text: '快递 ', marked: false },
      { text: '延迟', marked: true },
      { text: ' 三天 <b>', marked: false },
    ]);
    expect(parseMarked('<img src=x onerror=alert(1)><MARK>x</MARK>')).toEqual([
      { text: '<img src=x onerror=alert(1)>', marked: false },
      { text: 'x', marked: true },
    ]);
    expect(parseMarked('')).toEqual([]);
  });
});
