import { describe, expect, it } from 'vitest';
import { cleanFileName, contentDisposition, decideContentType } from './attachment-types.ts';

describe('decideContentType', () => {
  it.each([
    ['a sniffed PNG keeps its type', 'a.png', 'image/png', 'image/png', 'image/png'],
    ['the sniffed type wins over a lie', 'a.png', 'image/png', 'application/pdf', 'application/pdf'],
    ['plain text as declared', 'notes.txt', 'text/plain', null, 'text/plain'],
    ['CSV as declared, parameters dropped', 'x.csv', 'text/csv; charset=utf-8', null, 'text/csv'],
    ['HTML becomes a download', 'page.html', 'text/html', null, 'application/octet-stream'],
    ['SVG becomes a download', 'logo.svg', 'image/svg+xml', null, 'application/octet-stream'],
    ['a declared image with no image bytes', 'fake.png', 'image/png', null, 'application/octet-stream'],
    ['no declared type', 'blob', null, null, 'application/octet-stream'],
  ])('%s', (_name, fileName, declared, detected, expected) => {
    expect(decideContentType({ fileName, declared, detected })).toEqual({ ok: true, contentType: expected });
  });

  it.each([
    ['a Windows executable by its bytes', 'report.pdf', 'application/pdf', 'application/x-msdownload'],
    ['an ELF binary by its bytes', 'data', null, 'application/x-elf'],
    ['an .exe by its name', 'setup.EXE', 'application/octet-stream', null],
    ['a .bat by its name', 'run.bat', 'text/plain', null],
    ['a declared executable', 'x', 'application/x-msdownload', null],
  ])('refuses %s', (_name, fileName, declared, detected) => {
    expect(decideContentType({ fileName, declared, detected }).ok).toBe(false);
  });
});

describe('cleanFileName', () => {
  it.each([
    ['invoice.pdf', 'invoice.pdf'],
    ['C:\\Users\\me\\photo.jpg', 'photo.jpg'],
    ['../../etc/passwd', 'passwd'],
    ['bad\u0000name\u202e.txt', 'badname.txt'],
    ['', 'file'],
    [undefined, 'file'],
    ['..', 'file'],
    ['发票.pdf', '发票.pdf'],
  ])('%j -> %j', (raw, expected) => {
    expect(cleanFileName(raw)).toBe(expected);
  });
});

describe('contentDisposition', () => {
  it('always says attachment, with an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('发票 "1".pdf')).toBe(`attachment; filename="__ _1_.pdf"; filename*=UTF-8''%E5%8F%91%E7%A5%A8%20%221%22.pdf`);
  });
});
