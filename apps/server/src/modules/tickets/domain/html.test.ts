import { describe, expect, it } from 'vitest';
import { htmlToText, sanitizeMessageHtml } from './html.ts';

describe('sanitizeMessageHtml', () => {
  it.each([
    ['keeps formatting', '<p>Hello <b>bold</b> <em>em</em></p><ul><li>one</li></ul>', '<p>Hello <b>bold</b> <em>em</em></p><ul><li>one</li></ul>'],
    ['drops scripts with their content', '<p>hi</p><script>alert(1)</script>', '<p>hi</p>'],
    ['drops styles with their content', '<style>p{color:red}</style><p>x</p>', '<p>x</p>'],
    ['drops event handlers', '<p onclick="alert(1)">x</p>', '<p>x</p>'],
    ['drops style attributes', '<p style="position:fixed">x</p>', '<p>x</p>'],
    ['drops iframes and forms', '<iframe src="https://evil.example"></iframe><form><input></form>ok', 'ok'],
    ['adds rel=noopener to links', '<a href="https://example.com">x</a>', '<a href="https://example.com" rel="noopener noreferrer nofollow">x</a>'],
    ['neutralises javascript: links', '<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer nofollow">x</a>'],
    ['keeps http images', '<img src="https://cdn.example.com/a.png" alt="a">', '<img src="https://cdn.example.com/a.png" alt="a" />'],
    ['keeps cid: images (inline email parts)', '<img src="cid:part1@mail">', '<img src="cid:part1@mail" />'],
    ['drops data: images', '<img src="data:image/svg+xml;base64,PHN2Zz4=">', ''],
    ['drops protocol-relative images', '<img src="//evil.example/x.png">', ''],
    ['drops svg', '<svg onload="alert(1)"><circle /></svg>x', 'x'],
  ])('%s', (_name, html, expected) => {
    expect(sanitizeMessageHtml(html)).toBe(expected);
  });
});

describe('htmlToText', () => {
  it('turns blocks into lines and decodes entities', () => {
    expect(htmlToText('<p>Hello &amp; welcome</p><p>Line&nbsp;two<br>three</p>')).toBe('Hello & welcome\nLine two\nthree');
  });
});
