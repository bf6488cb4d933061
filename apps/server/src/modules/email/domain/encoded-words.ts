import { decodeBytes } from './charset.ts';

/**
 * RFC 2047 encoded words (`=?gb2312?B?...?=`), decoded with our charset policy rather than
 * mailparser's, so a GB2312-labelled subject with GB18030-only characters survives.
 * Adjacent words in the same charset are joined as bytes before decoding: Chinese mailers
 * split a subject into words in the middle of a character, and some split base64 in the
 * middle of a 4-character group.
 */
export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return value;
  const parts: Array<{ word: Word } | { text: string }> = [];
  let last = 0;
  for (const match of value.matchAll(WORD)) {
    const between = value.slice(last, match.index);
    // Whitespace between two encoded words is folding, not content (RFC 2047 §6.2).
    const prev = parts.at(-1);
    if (between && !(prev && 'word' in prev && /^\s*$/.test(between))) parts.push({ text: between });
    parts.push({
      word: {
        charset: match[1].split('*')[0].toLowerCase(),
        encoding: match[2].toUpperCase() as 'B' | 'Q',
        data: match[3],
      },
    });
    last = match.index + match[0].length;
  }
  if (last < value.length) parts.push({ text: value.slice(last) });

  let out = '';
  let run: Word[] = [];
  const flush = () => {
    if (run.length) out += decodeBytes(wordBytes(run), run[0].charset);
    run = [];
  };
  for (const part of parts) {
    if ('text' in part) {
      flush();
      out += part.text;
    } else {
      if (run.length && run[0].charset !== part.word.charset) flush();
      run.push(part.word);
    }
  }
  flush();
  return out;
}

interface Word {
  charset: string;
  encoding: 'B' | 'Q';
  data: string;
}

// charset (optionally *language), B or Q, text without '?' (spaces tolerated: broken senders).
const WORD = /=\?([^?\s]+)\?([BbQq])\?([^?]*)\?=/g;

function wordBytes(words: Word[]): Buffer {
  const chunks: Buffer[] = [];
  let pendingBase64 = '';
  for (const word of words) {
    if (word.encoding === 'B') {
      // A word is normally whole (padded to 4 characters) and decodes alone; a sender that
      // cut a 4-character group in two gets its pieces joined first.
      pendingBase64 += word.data.replace(/[^A-Za-z0-9+/=]/g, '');
      if (pendingBase64.length % 4 === 0 || pendingBase64.includes('=')) {
        chunks.push(Buffer.from(pendingBase64, 'base64'));
        pendingBase64 = '';
      }
    } else {
      if (pendingBase64) chunks.push(Buffer.from(pendingBase64, 'base64'));
      pendingBase64 = '';
      chunks.push(decodeQ(word.data));
    }
  }
  if (pendingBase64) chunks.push(Buffer.from(pendingBase64, 'base64'));
  return Buffer.concat(chunks);
}

function decodeQ(data: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const ch = data[i];
    if (ch === '_') bytes.push(0x20);
    else if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(data.slice(i + 1, i + 3))) {
      bytes.push(parseInt(data.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(ch, 'utf8'));
  }
  return Buffer.from(bytes);
}
