import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { cleanAddress, parseAddressList } from '../../../src/modules/email/domain/addresses.ts';
import { bodyOffset, headerMap, headerText, messageIds, readHeaderBlock } from '../../../src/modules/email/domain/header-block.ts';

const latin1 = (buffer: Buffer) => buffer.toString('latin1');

describe('readHeaderBlock', () => {
  it('unfolds, lower-cases names and keeps every occurrence in order', () => {
    const raw = Buffer.from('Subject: one\r\n two\r\nReceived: a\r\nX-Odd:value\r\nReceived: b\r\n\r\nbody\r\nNot: a header\r\n');
    const headers = readHeaderBlock(raw);
    expect(headers).toEqual([
      { name: 'subject', raw: 'one two' },
      { name: 'received', raw: 'a' },
      { name: 'x-odd', raw: 'value' },
      { name: 'received', raw: 'b' },
    ]);
    expect(headerMap(headers).received).toEqual(['a', 'b']);
  });

  it('skips an mbox From_ line and lines that are not fields', () => {
    const raw = Buffer.from('From MAILER-DAEMON Fri Jul  8 12:08:34 2011\nSubject: x\ngarbage line\nTo: a@b.c\n\nbody');
    expect(readHeaderBlock(raw).map((header) => header.name)).toEqual(['subject', 'to']);
  });

  it.each([
    ['CRLF', 'A: 1\r\n\r\nbody', 8],
    ['LF', 'A: 1\n\nbody', 6],
    ['no body', 'A: 1\r\n', 6],
    ['no headers', '\r\nbody', 2],
  ])('finds where the body starts (%s)', (_name, raw, offset) => {
    expect(bodyOffset(Buffer.from(raw))).toBe(offset);
  });

  it('gives a header-less message no headers rather than throwing', () => {
    expect(readHeaderBlock(Buffer.from('just some text without any header'))).toEqual([]);
  });
});

describe('headerText', () => {
  it.each([
    ['raw 8-bit GBK', latin1(iconv.encode('发票问题，请尽快处理', 'gbk')), '发票问题，请尽快处理'],
    ['raw 8-bit UTF-8', latin1(Buffer.from('订单还没有发货')), '订单还没有发货'],
    ['raw 8-bit GB18030 with a four-byte character', latin1(iconv.encode('𠀀字', 'gb18030')), '𠀀字'],
    ['raw 8-bit Big5 reads as something, never throws', latin1(iconv.encode('訂單', 'big5')), expect.any(String)],
    ['encoded words', '=?gb2312?B?1uzpRrv5?=', '朱镕基'],
    ['folded value', 'a\r\n b', 'a b'],
  ])('%s', (_name, raw, expected) => {
    expect(headerText(raw)).toEqual(expected);
  });
});

describe('messageIds', () => {
  it.each([
    [['<a@b>'], ['a@b']],
    [['<a@b> <c@d>', '<e@f>'], ['a@b', 'c@d', 'e@f']],
    [['<a@b>\r\n <c@d>'], ['a@b', 'c@d']],
    [['a@b'], ['a@b']],
    [['<a@b> (comment)'], ['a@b']],
    [['not-an-id <real@x> <>'], ['real@x']],
    [['<a@b> <a@b>'], ['a@b']],
    [['< spaced @ id >'], ['spaced@id']],
    [[''], []],
    [['junk without an at sign'], []],
  ])('%j -> %j', (values, expected) => {
    expect(messageIds(values)).toEqual(expected);
  });
});

describe('parseAddressList', () => {
  it.each([
    ['plain', ['Alice <Alice@Example.COM>'], [{ address: 'alice@example.com', name: 'Alice' }]],
    ['bare', ['bob@example.com'], [{ address: 'bob@example.com', name: null }]],
    ['quoted name with a comma', ['"Walker, Alice" <alice@example.com>'], [{ address: 'alice@example.com', name: 'Walker, Alice' }]],
    [
      'encoded name holding a comma and a bracket',
      [`=?utf-8?B?${Buffer.from('张, <三>').toString('base64')}?= <z@example.cn>`],
      [{ address: 'z@example.cn', name: '张, <三>' }],
    ],
    ['raw GBK name', [latin1(Buffer.concat([iconv.encode('钱十一', 'gbk'), Buffer.from(' <q@example.cn>')]))], [{ address: 'q@example.cn', name: '钱十一' }]],
    [
      'list and several headers',
      ['a@example.com, "B" <b@example.com>', 'c@example.com'],
      [
        { address: 'a@example.com', name: null },
        { address: 'b@example.com', name: 'B' },
        { address: 'c@example.com', name: null },
      ],
    ],
    ['group flattened', ['Team: a@example.com, b@example.com;'], [{ address: 'a@example.com', name: null }, { address: 'b@example.com', name: null }]],
    ['undisclosed recipients', ['undisclosed-recipients:;'], []],
    ['garbage', ['<<<>>>'], []],
    ['name equal to the address dropped', ['"a@example.com" <a@example.com>'], [{ address: 'a@example.com', name: null }]],
  ])('%s', (_name, values, expected) => {
    expect(parseAddressList(values)).toEqual(expected);
  });
});

describe('cleanAddress', () => {
  it.each([
    ['<A@B.cn>', 'a@b.cn'],
    ['  x@y.z ', 'x@y.z'],
    ['', null],
    ['<>', null],
    ['no-at-sign', null],
    ['two words@x.y', null],
    [null, null],
  ])('%j -> %j', (value, expected) => {
    expect(cleanAddress(value)).toBe(expected);
  });
});
