/** Content-Transfer-Encoding decoding, lenient: bad base64 characters are skipped. */
export function transferDecode(encoded: Buffer, encoding: string): Buffer {
  const name = encoding.toLowerCase().trim();
  if (name === 'base64') return Buffer.from(encoded.toString('latin1'), 'base64');
  if (name === 'quoted-printable') return decodeQuotedPrintable(encoded);
  return encoded;
}

export function decodeQuotedPrintable(encoded: Buffer): Buffer {
  // Trailing whitespace on a line is padding, `=` at the end of a line a soft break.
  const text = encoded.toString('latin1').replace(/[ \t]+(?=\r?\n)/g, '').replace(/=\r?\n/g, '');
  const out = Buffer.alloc(text.length);
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x3d) {
      const high = hexValue(text.charCodeAt(i + 1));
      const low = hexValue(text.charCodeAt(i + 2));
      if (high >= 0 && low >= 0) {
        out[length++] = high * 16 + low;
        i += 2;
        continue;
      }
    }
    out[length++] = code;
  }
  return out.subarray(0, length);
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}
