import iconv from 'iconv-lite';

/**
 * How Switchboard turns the bytes of a text part or header into a string, whatever the sender's
 * client wrote on the label. Browsers have settled most of this already (the WHATWG Encoding
 * standard, which Node's TextDecoder follows): gb2312 and gbk are read with the GB18030 decoder,
 * big5 as Big5-HKSCS, iso-8859-1 and us-ascii as windows-1252. On top of that:
 * - UTF-7 is decoded (mailparser refuses it; the HTML caller sanitises anyway);
 * - a label that is missing, or says UTF-8 over bytes that are not UTF-8, is sniffed:
 *   UTF-8, then GB18030 (our customers' legacy charset), then windows-1252;
 * - a legacy label over bytes that are plainly UTF-8 (a common client bug) gives UTF-8.
 * The result never throws: an unknown label falls back to the sniff.
 */
export function decodeBytes(bytes: Uint8Array, label?: string | null): string {
  const name = normalizeLabel(label);
  if (isAscii(bytes) && (name === null || UTF8_LABELS.has(name))) return Buffer.from(bytes).toString('latin1');
  if (name === 'utf-8' || name === 'utf8') return sniff(bytes, true);
  if (name === null || UTF8_LABELS.has(name)) return sniff(bytes, false);
  if (UTF7_LABELS.has(name)) return iconv.decode(Buffer.from(bytes), 'utf7');
  const decoded = decodeWithLabel(bytes, name);
  if (decoded === null) return sniff(bytes, false);
  // A legacy label over bytes that are valid UTF-8 with multi-byte sequences: single-byte
  // charsets never produce such runs in real text, and a double-byte decode that failed is
  // worth a second look too.
  if (!isAscii(bytes) && (SINGLE_BYTE.test(name) || decoded.includes('\uFFFD'))) {
    const utf8 = strictUtf8(bytes);
    if (utf8 !== null) return utf8;
  }
  return decoded;
}

/** Canonical lower-case label, or null when there is none worth reading. */
export function normalizeLabel(label?: string | null): string | null {
  if (!label) return null;
  const name = label.trim().replace(/^["']|["']$/g, '').trim().toLowerCase();
  if (!name || name === 'unknown' || name === 'unknown-8bit' || name === 'x-unknown' || name === 'default') return null;
  return ALIASES.get(name) ?? name;
}

const UTF8_LABELS = new Set(['utf-8', 'utf8', 'us-ascii', 'ascii', '7bit', '8bit', 'binary', 'unicode-1-1-utf-8']);
const UTF7_LABELS = new Set(['utf-7', 'utf7', 'unicode-1-1-utf-7', 'csunicode11utf7', 'x-unicode20utf7']);
const SINGLE_BYTE = /^(?:iso-8859-|windows-125|cp125|latin|koi8|macintosh|x-mac)/;

// Labels whose real content is a superset: read them with the superset's decoder.
const ALIASES = new Map<string, string>([
  ['gb2312', 'gb18030'],
  ['gb_2312', 'gb18030'],
  ['gb_2312-80', 'gb18030'],
  ['csgb2312', 'gb18030'],
  ['euc-cn', 'gb18030'],
  ['x-euc-cn', 'gb18030'],
  ['gbk', 'gb18030'],
  ['x-gbk', 'gb18030'],
  ['cp936', 'gb18030'],
  ['ms936', 'gb18030'],
  ['windows-936', 'gb18030'],
  ['chinese', 'gb18030'],
  ['big5', 'big5hkscs'],
  ['big-5', 'big5hkscs'],
  ['cn-big5', 'big5hkscs'],
  ['x-x-big5', 'big5hkscs'],
  ['cp950', 'big5hkscs'],
  ['iso-8859-1', 'windows-1252'],
  ['latin1', 'windows-1252'],
  ['iso_8859-1', 'windows-1252'],
  ['ks_c_5601-1987', 'euc-kr'],
  ['cp932', 'shift_jis'],
  ['big5-hkscs', 'big5hkscs'],
]);

/**
 * iconv-lite first: it is complete for the Chinese charsets (GB18030 four-byte sequences,
 * Big5-HKSCS) and marks what it cannot map with U+FFFD, where Node's ICU decoders drop such
 * bytes silently. TextDecoder covers what iconv-lite lacks (ISO-2022-JP).
 */
function decodeWithLabel(bytes: Uint8Array, name: string): string | null {
  try {
    // iconv-lite also knows base64 and hex, which are transfer encodings, not charsets.
    if (name !== 'base64' && name !== 'hex' && iconv.encodingExists(name)) return iconv.decode(Buffer.from(bytes), name);
  } catch {
    // try the platform decoder
  }
  try {
    const decoder = new TextDecoder(name);
    // WHATWG maps a few unsafe labels (iso-2022-kr, hz-gb-2312) to a decoder that yields one U+FFFD.
    if (decoder.encoding !== 'replacement') return decoder.decode(bytes);
  } catch {
    // not a label this Node knows either: the caller sniffs
  }
  return null;
}

/**
 * Unlabelled or wrongly labelled 8-bit text: UTF-8, then GB18030, then windows-1252.
 * Without a UTF-8 label, valid UTF-8 that reads as a jumble of scripts (a short GBK name such
 * as 钱十一 is also valid UTF-8: "Ǯʮһ") is read as GB18030 when that reads cleanly.
 */
function sniff(bytes: Uint8Array, labelledUtf8: boolean): string {
  const utf8 = strictUtf8(bytes);
  if (utf8 !== null) {
    if (labelledUtf8 || !jumbledScripts(utf8)) return utf8;
    const gb = fatal(bytes, 'gb18030');
    return gb !== null && /[\u3400-\u9fff]/.test(gb) ? gb : utf8;
  }
  const lenient = Buffer.from(bytes).toString('utf8');
  // Mostly UTF-8 with a stray broken byte (a truncated line): keep UTF-8, GB18030 would turn
  // every valid UTF-8 character into two wrong ones.
  if (mostlyUtf8(lenient)) return lenient;
  return fatal(bytes, 'gb18030') ?? iconv.decode(Buffer.from(bytes), 'windows-1252');
}

/** The text when every byte maps, else null. */
function fatal(bytes: Uint8Array, name: string): string | null {
  if (name === 'utf-8') {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  }
  const text = iconv.decode(Buffer.from(bytes), name);
  return text.includes('\uFFFD') ? null : text;
}

/**
 * UTF-8 made only of two-byte sequences that no language writes together: Latin Extended-B
 * or IPA letters, or letters of several scripts at once. Accents, Greek, Cyrillic alone pass.
 */
function jumbledScripts(text: string): boolean {
  const scripts = new Set<string>();
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code < 0x80) continue;
    if (code >= 0x800) return false;
    if (code >= 0x180 && code < 0x300) return true;
    if (code >= 0x300 && code < 0x370) continue; // combining marks (decomposed accents)
    scripts.add(code < 0x180 ? 'latin' : code < 0x400 ? 'greek' : code < 0x530 ? 'cyrillic' : 'other');
  }
  return scripts.size > 1;
}

function strictUtf8(bytes: Uint8Array): string | null {
  return fatal(bytes, 'utf-8');
}

function mostlyUtf8(text: string): boolean {
  let bad = 0;
  let wide = 0;
  for (const ch of text) {
    if (ch === '\uFFFD') bad++;
    else if (ch.charCodeAt(0) > 0x7f) wide++;
  }
  return wide >= 4 && bad * 10 <= wide;
}

export function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return false;
  return true;
}
