import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes, normalizeLabel } from '../../../src/modules/email/domain/charset.ts';
import { decodeEncodedWords } from '../../../src/modules/email/domain/encoded-words.ts';

const bytes = (text: string, charset: string) => iconv.encode(text, charset);

describe('decodeBytes: labelled text', () => {
  it.each([
    ['GB2312 label, GB2312 text', bytes('发票抬头需要修改', 'gb18030'), 'gb2312', '发票抬头需要修改'],
    ['GB2312 label, GBK-only characters', bytes('朱镕基 啰嗦', 'gbk'), 'GB2312', '朱镕基 啰嗦'],
    ['GB2312 label, four-byte GB18030 character', bytes('名字“𠀀”', 'gb18030'), 'gb2312', '名字“𠀀”'],
    ['GBK label, four-byte GB18030 character', bytes('𠀀镕', 'gb18030'), 'gbk', '𠀀镕'],
    ['euc-cn label', bytes('客服', 'gb18030'), 'euc-cn', '客服'],
    ['x-gbk label', bytes('啰', 'gbk'), 'x-gbk', '啰'],
    ['GB18030', bytes('𠀀', 'gb18030'), 'gb18030', '𠀀'],
    ['Big5', bytes('繁體中文', 'big5'), 'big5', '繁體中文'],
    ['Big5-HKSCS character under a Big5 label', bytes('香港嘅啱咗', 'big5hkscs'), 'big5', '香港嘅啱咗'],
    ['Shift_JIS', bytes('日本語', 'shift_jis'), 'shift_jis', '日本語'],
    ['EUC-KR under ks_c_5601-1987', bytes('안녕하세요', 'cp949'), 'ks_c_5601-1987', '안녕하세요'],
    ['windows-1252', bytes('€ “quotes” – café', 'windows-1252'), 'windows-1252', '€ “quotes” – café'],
    ['ISO-8859-1 label over windows-1252 bytes', bytes('€ “x”', 'windows-1252'), 'iso-8859-1', '€ “x”'],
    ['windows-1251', bytes('Здравствуйте', 'windows-1251'), 'windows-1251', 'Здравствуйте'],
    ['ISO-8859-2', bytes('zażółć gęślą jaźń', 'iso-8859-2'), 'iso-8859-2', 'zażółć gęślą jaźń'],
    ['KOI8-R', bytes('Привет', 'koi8-r'), 'koi8-r', 'Привет'],
    ['UTF-7 (mailparser refuses it)', Buffer.from(iconv.encode('你好 1+1=2', 'utf7')), 'utf-7', '你好 1+1=2'],
    ['UTF-7 alias', Buffer.from(iconv.encode('é', 'utf7')), 'unicode-1-1-utf-7', 'é'],
    ['quoted label with spaces', bytes('客服', 'gbk'), ' "GBK" ', '客服'],
    ['UTF-16LE', Buffer.from('客服', 'utf16le'), 'utf-16le', '客服'],
  ])('%s', (_name, input, label, expected) => {
    expect(decodeBytes(input, label)).toBe(expected);
  });

  it('decodes ISO-2022-JP', () => {
    const jis = Buffer.concat([Buffer.from([0x1b, 0x24, 0x42]), Buffer.from(iconv.encode('日本', 'euc-jp').map((b) => b & 0x7f)), Buffer.from([0x1b, 0x28, 0x42]), Buffer.from('!')]);
    expect(decodeBytes(jis, 'iso-2022-jp')).toBe('日本!');
  });

  it('reads a legacy label over plain UTF-8 bytes as UTF-8', () => {
    expect(decodeBytes(Buffer.from('Grüße 客服', 'utf8'), 'iso-8859-1')).toBe('Grüße 客服');
    expect(decodeBytes(Buffer.from('你好，世界', 'utf8'), 'gb2312')).toBe('你好，世界');
  });
});

describe('decodeBytes: missing or wrong labels', () => {
  it.each([
    ['no label, UTF-8', Buffer.from('订单还没有发货', 'utf8'), null, '订单还没有发货'],
    ['no label, GBK', bytes('我上周收到的发票金额不对', 'gbk'), null, '我上周收到的发票金额不对'],
    ['no label, a short GBK name that is also valid UTF-8', bytes('钱十一', 'gbk'), null, '钱十一'],
    ['no label, windows-1252', bytes('café – naïve', 'windows-1252'), null, 'café – naïve'],
    ['no label, UTF-8 accents stay UTF-8', Buffer.from('José Müller', 'utf8'), null, 'José Müller'],
    ['no label, UTF-8 Cyrillic stays UTF-8', Buffer.from('Иван', 'utf8'), null, 'Иван'],
    ['us-ascii label over GBK bytes', bytes('客服中心', 'gbk'), 'us-ascii', '客服中心'],
    ['UTF-8 label over GBK bytes', bytes('发票问题', 'gbk'), 'utf-8', '发票问题'],
    ['unknown label', bytes('发票', 'gbk'), 'x-unknown-charset', '发票'],
    ['empty input', Buffer.alloc(0), 'gbk', ''],
    ['ASCII under any label', Buffer.from('hello'), 'big5', 'hello'],
  ])('%s', (_name, input, label, expected) => {
    expect(decodeBytes(input, label)).toBe(expected);
  });

  it('keeps UTF-8 with one broken byte as UTF-8 (a truncated line)', () => {
    const input = Buffer.concat([Buffer.from('您好，订单已经发货了', 'utf8'), Buffer.from([0xe5, 0x8f])]);
    expect(decodeBytes(input, 'utf-8')).toBe('您好，订单已经发货了\uFFFD');
    expect(decodeBytes(input, null)).toBe('您好，订单已经发货了\uFFFD');
  });

  it('never throws, whatever the bytes and label', () => {
    for (const label of [null, 'utf-8', 'gbk', 'replacement', 'iso-2022-kr', 'hz-gb-2312', '__proto__', 'base64']) {
      expect(typeof decodeBytes(Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x30, 0xc0]), label)).toBe('string');
    }
  });
});

describe('normalizeLabel', () => {
  it.each([
    ['GB2312', 'gb18030'],
    ['gbk', 'gb18030'],
    ['Big5', 'big5hkscs'],
    ['"ISO-8859-1"', 'windows-1252'],
    ['unknown-8bit', null],
    ['', null],
    [null, null],
    ['UTF-8', 'utf-8'],
  ])('%j -> %j', (label, expected) => {
    expect(normalizeLabel(label)).toBe(expected);
  });
});

describe('decodeEncodedWords (RFC 2047)', () => {
  const b = (text: string, charset: string) => `=?${charset}?B?${(charset === 'utf-8' ? Buffer.from(text) : iconv.encode(text, charset === 'gb2312' ? 'gb18030' : charset)).toString('base64')}?=`;
  it.each([
    ['a base64 word', b('订单问题', 'utf-8'), '订单问题'],
    ['a Q word with underscores', '=?utf-8?Q?Re:_=E8=AE=A2=E5=8D=95?=', 'Re: 订单'],
    ['lower-case b and q', '=?utf-8?b?5a6i5pyN?= =?utf-8?q?_ok?=', '客服 ok'],
    ['GB2312 word with a GB18030 character', b('𠀀字', 'gb2312'), '𠀀字'],
    ['GB2312 word with GBK characters', b('朱镕基', 'gb2312'), '朱镕基'],
    ['Big5 word', b('訂單查詢', 'big5'), '訂單查詢'],
    ['UTF-7 word', '=?utf-7?Q?+ZeVnLIqe-?=', '日本語'],
    ['words joined across folding whitespace', `${b('关于', 'utf-8')}\r\n ${b('订单', 'utf-8')}`, '关于订单'],
    ['text between words kept', `${b('客服', 'utf-8')} and ${b('订单', 'utf-8')}`, '客服 and 订单'],
    ['a character split across two words', '=?UTF-8?B?5YW=?= =?UTF-8?B?s+S6jg==?=', '关于'],
    ['a character split across Q words', '=?utf-8?Q?=E5=85?= =?utf-8?Q?=B3?=', '关'],
    ['language suffix (RFC 2231)', '=?utf-8*zh-CN?B?5a6i5pyN?=', '客服'],
    ['different charsets next to each other', `${b('客', 'gbk')} ${b('服', 'big5')}`, '客服'],
    ['plain text untouched', 'Hello =? world ?=', 'Hello =? world ?='],
    ['broken base64 does not throw', '=?utf-8?B?@@@?=', ''],
    ['unknown charset falls back to a sniff', '=?x-foo?Q?caf=C3=A9?=', 'café'],
  ])('%s', (_name, input, expected) => {
    expect(decodeEncodedWords(input)).toBe(expected);
  });
});
