/**
 * What content type an uploaded file is stored and served with. The bytes decide: the type
 * sniffed from the file's magic numbers wins over the declared one. Executables are refused.
 * A file nothing can be sniffed from is served with its declared type only when that type is
 * harmless plain data (text, CSV, JSON); anything else (HTML, SVG, XML, scripts, a declared
 * image whose bytes are not one) becomes application/octet-stream. Every download is also sent
 * with Content-Disposition: attachment and X-Content-Type-Options: nosniff.
 */
const EXECUTABLE_TYPES = new Set([
  'application/x-msdownload',
  'application/vnd.microsoft.portable-executable',
  'application/x-dosexec',
  'application/x-elf',
  'application/x-executable',
  'application/x-sharedlib',
  'application/x-mach-binary',
  'application/x-msi',
  'application/x-ms-installer',
  'application/vnd.android.package-archive',
  'application/java-archive',
  'application/x-sh',
  'application/x-bat',
]);

const EXECUTABLE_EXTENSIONS = new Set([
  'exe', 'dll', 'com', 'bat', 'cmd', 'scr', 'msi', 'msp', 'pif', 'cpl', 'vbs', 'vbe', 'js', 'jse', 'wsf', 'wsh',
  'ps1', 'psm1', 'hta', 'jar', 'apk', 'app', 'elf', 'sh', 'lnk', 'reg',
]);

const PLAIN_TYPES = new Set(['text/plain', 'text/csv', 'application/json', 'text/markdown', 'text/calendar', 'text/vcard']);

export type ContentTypeDecision = { ok: true; contentType: string } | { ok: false; reason: string };

export function decideContentType(input: {
  fileName: string;
  declared: string | null;
  detected: string | null;
}): ContentTypeDecision {
  const extension = input.fileName.includes('.') ? input.fileName.split('.').pop()!.toLowerCase() : '';
  if (EXECUTABLE_EXTENSIONS.has(extension)) return { ok: false, reason: `.${extension} files are not accepted` };
  if (input.detected) {
    if (EXECUTABLE_TYPES.has(input.detected)) return { ok: false, reason: 'executable files are not accepted' };
    return { ok: true, contentType: input.detected };
  }
  const declared = (input.declared ?? '').split(';')[0]!.trim().toLowerCase();
  if (EXECUTABLE_TYPES.has(declared)) return { ok: false, reason: 'executable files are not accepted' };
  if (PLAIN_TYPES.has(declared)) return { ok: true, contentType: declared };
  return { ok: true, contentType: 'application/octet-stream' };
}

/** Content types that may be answered with a charset (text) when served. */
export const servedContentType = (stored: string) =>
  stored.startsWith('text/') || stored === 'application/json' ? `${stored}; charset=utf-8` : stored;

/** A file name safe to store and show: no path, no control characters, at most 255 characters. */
export function cleanFileName(raw: string | undefined | null): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\p{Cc}\p{Cf}]/gu, '').trim().slice(0, 255);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'file' : cleaned;
}

/** RFC 6266 / 8187 Content-Disposition for a download, with an ASCII fallback. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
