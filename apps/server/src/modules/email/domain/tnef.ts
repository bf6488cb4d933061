import iconv from 'iconv-lite';

/**
 * Files packed in a TNEF attachment (winmail.dat, application/ms-tnef): Outlook and Exchange
 * wrap a message's attachments in it, and no other mail client can open it. Reads the TNEF
 * attribute stream ([MS-OXTNEF]) for each attachment's title, long file name and bytes. Never
 * throws: a stream it cannot read gives what was read before the fault (often nothing).
 */
export interface TnefFile {
  fileName: string;
  content: Buffer;
}

const SIGNATURE = 0x223e9f78;
const ATTACHMENT_LEVEL = 2;
const ATT_OEM_CODEPAGE = 0x00069007;
const ATT_ATTACH_REND_DATA = 0x00069002;
const ATT_ATTACH_TITLE = 0x00018010;
const ATT_ATTACH_DATA = 0x0006800f;
const ATT_ATTACHMENT = 0x00069005;
/** PR_ATTACH_LONG_FILENAME and PR_ATTACH_FILENAME. */
const LONG_FILENAME = 0x3707;
const SHORT_FILENAME = 0x3704;
/** At most this many files, and names this long. */
const MAX_FILES = 100;
const MAX_NAME = 255;

export function unpackTnef(data: Buffer): TnefFile[] {
  if (data.length < 6 || data.readUInt32LE(0) !== SIGNATURE) return [];
  const files: Array<{ title?: string; longName?: string; content?: Buffer }> = [];
  let codepage = 1252;
  let offset = 6;
  try {
    while (offset + 9 <= data.length && files.length <= MAX_FILES) {
      const level = data.readUInt8(offset);
      const id = data.readUInt32LE(offset + 1);
      const length = data.readUInt32LE(offset + 5);
      const start = offset + 9;
      if (start + length > data.length) break;
      const value = data.subarray(start, start + length);
      offset = start + length + 2; // a 16-bit checksum follows every value
      if (id === ATT_OEM_CODEPAGE && value.length >= 4) codepage = value.readUInt32LE(0);
      if (level !== ATTACHMENT_LEVEL) continue;
      if (id === ATT_ATTACH_REND_DATA) files.push({});
      const current = files.at(-1);
      if (!current) continue;
      if (id === ATT_ATTACH_TITLE) current.title = decode(value, codepage);
      else if (id === ATT_ATTACH_DATA) current.content = Buffer.from(value);
      else if (id === ATT_ATTACHMENT) current.longName = fileNameProperty(value, codepage) ?? current.longName;
    }
  } catch {
    // A truncated or odd stream: keep what was read.
  }
  return files
    .filter((file): file is typeof file & { content: Buffer } => file.content !== undefined)
    .slice(0, MAX_FILES)
    .map((file, index) => ({ fileName: cleanName(file.longName || file.title || '') || `attachment-${index + 1}.bin`, content: file.content }));
}

/** An 8-bit string in the message's codepage (936 is GBK, 950 Big5...), up to its NUL. */
function decode(value: Buffer, codepage: number): string {
  const end = value.indexOf(0);
  const bytes = end >= 0 ? value.subarray(0, end) : value;
  if (codepage === 65001) return bytes.toString('utf8');
  const encoding = `cp${codepage}`;
  return iconv.encodingExists(encoding) ? iconv.decode(bytes, encoding) : bytes.toString('latin1');
}

const cleanName = (name: string) => name.replace(/[\u0000-\u001f\u007f/\\]/g, '').trim().slice(0, MAX_NAME);

/** Fixed sizes of MAPI property types ([MS-OXCDATA] 2.11.1), padded to 4 bytes in TNEF. */
const FIXED_SIZES: Record<number, number> = { 0x0002: 4, 0x0003: 4, 0x0004: 4, 0x0005: 8, 0x0006: 8, 0x0007: 8, 0x000a: 4, 0x000b: 4, 0x0014: 8, 0x0040: 8, 0x0048: 16 };
const STRING8 = 0x001e;
const UNICODE = 0x001f;
const BINARY = 0x0102;
const OBJECT = 0x000d;
const MULTI = 0x1000;

/** The long (else short) file name in an attachment's MAPI property list, if it has one. */
function fileNameProperty(value: Buffer, codepage: number): string | undefined {
  try {
    return readFileNameProperty(value, codepage);
  } catch {
    return undefined; // a list it cannot read: the title stands
  }
}

function readFileNameProperty(value: Buffer, codepage: number): string | undefined {
  const count = value.readUInt32LE(0);
  let offset = 4;
  const names = new Map<number, string>();
  for (let i = 0; i < count && offset + 4 <= value.length; i++) {
    const type = value.readUInt16LE(offset);
    const id = value.readUInt16LE(offset + 2);
    offset += 4;
    if (id >= 0x8000) {
      // A named property: its GUID, then a number or a UTF-16 name.
      const kind = value.readUInt32LE(offset + 16);
      offset += 20;
      offset += kind === 0 ? 4 : 4 + pad4(value.readUInt32LE(offset));
    }
    const base = type & ~MULTI;
    const variable = base === STRING8 || base === UNICODE || base === BINARY || base === OBJECT;
    const values = variable || type & MULTI ? value.readUInt32LE(offset) : 1;
    if (variable || type & MULTI) offset += 4;
    for (let v = 0; v < values; v++) {
      if (variable) {
        const size = value.readUInt32LE(offset);
        const bytes = value.subarray(offset + 4, offset + 4 + size);
        if (v === 0 && (id === LONG_FILENAME || id === SHORT_FILENAME)) {
          names.set(id, base === UNICODE ? bytes.toString('utf16le').replace(/\0+$/, '') : decode(bytes, codepage));
        }
        offset += 4 + pad4(size);
      } else {
        const size = FIXED_SIZES[base];
        if (size === undefined) return names.get(LONG_FILENAME) ?? names.get(SHORT_FILENAME);
        offset += pad4(size);
      }
    }
  }
  return names.get(LONG_FILENAME) ?? names.get(SHORT_FILENAME);
}

const pad4 = (size: number) => (size + 3) & ~3;
