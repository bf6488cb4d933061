import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseEmail } from '../../../src/modules/email/domain/parse.ts';
import { unpackTnef } from '../../../src/modules/email/domain/tnef.ts';
import { tnefAttribute as attribute, tnefStream } from '../../fixtures/mail/corpus-bytes.ts';

const uint32 = (...values: number[]) => Buffer.concat(values.map((value) => { const b = Buffer.alloc(4); b.writeUInt32LE(value); return b; }));
const padded = (bytes: Buffer) => Buffer.concat([bytes, Buffer.alloc((4 - (bytes.length % 4)) % 4)]);

/** A MAPI property list: a long (PT_UNICODE) file name after a fixed-size and a binary property. */
function attachmentProperties(longName: string): Buffer {
  const name = Buffer.from(`${longName}\0`, 'utf16le');
  const blob = Buffer.from([1, 2, 3, 4, 5]);
  return Buffer.concat([
    uint32(3),
    uint32(0x0e200003), uint32(12345), // PR_ATTACH_SIZE (PT_LONG)
    uint32(0x37010102), uint32(1, blob.length), padded(blob), // PR_ATTACH_DATA_BIN (PT_BINARY)
    uint32(0x3707001f), uint32(1, name.length), padded(name), // PR_ATTACH_LONG_FILENAME (PT_UNICODE)
  ]);
}

const MESSAGE = 1;
const ATTACHMENT = 2;
const pdf = Buffer.from('%PDF-1.4 报价单\n%%EOF\n');
const notes = Buffer.from('会议纪要：周五前回复报价。');

const winmail = () =>
  tnefStream([
    attribute(MESSAGE, 0x00089006, uint32(0x00010000)),
    attribute(MESSAGE, 0x00069007, uint32(936, 0)), // the OEM codepage: GBK
    attribute(MESSAGE, 0x00078008, Buffer.from('IPM.Microsoft Mail.Note\0', 'latin1')),
    attribute(ATTACHMENT, 0x00069002, Buffer.alloc(14)),
    attribute(ATTACHMENT, 0x00018010, Buffer.concat([iconv.encode('报价单.PDF', 'gbk'), Buffer.from([0])])),
    attribute(ATTACHMENT, 0x0006800f, pdf),
    attribute(ATTACHMENT, 0x00069005, attachmentProperties('2026年报价单（最终版）.pdf')),
    attribute(ATTACHMENT, 0x00069002, Buffer.alloc(14)),
    attribute(ATTACHMENT, 0x00018010, Buffer.concat([iconv.encode('会议纪要.txt', 'gbk'), Buffer.from([0])])),
    attribute(ATTACHMENT, 0x0006800f, notes),
  ]);

describe('unpackTnef', () => {
  it('gives each packed file with its long name, or its title in the message codepage', () => {
    expect(unpackTnef(winmail())).toEqual([
      { fileName: '2026年报价单（最终版）.pdf', content: pdf },
      { fileName: '会议纪要.txt', content: notes },
    ]);
  });

  it('keeps what it read before a truncated attribute, and reads nothing from what is not TNEF', () => {
    const whole = winmail();
    const cut = whole.subarray(0, whole.length - 10);
    expect(unpackTnef(cut).map((file) => file.fileName)).toEqual(['2026年报价单（最终版）.pdf']);
    expect(unpackTnef(Buffer.from('not a tnef stream'))).toEqual([]);
    expect(unpackTnef(tnefStream([attribute(MESSAGE, 0x00078008, Buffer.from('IPM.Note\0'))]))).toEqual([]);
  });

  it('survives a property list it cannot read, falling back to the title', () => {
    const broken = tnefStream([
      attribute(ATTACHMENT, 0x00069002, Buffer.alloc(14)),
      attribute(ATTACHMENT, 0x00018010, Buffer.from('report.doc\0', 'latin1')),
      attribute(ATTACHMENT, 0x0006800f, notes),
      attribute(ATTACHMENT, 0x00069005, uint32(5, 0x0e200003)),
      attribute(ATTACHMENT, 0x00069002, Buffer.alloc(14)),
      attribute(ATTACHMENT, 0x0006800f, pdf),
    ]);
    expect(unpackTnef(broken)).toEqual([
      { fileName: 'report.doc', content: notes },
      { fileName: 'attachment-2.bin', content: pdf },
    ]);
  });
});

describe('parseEmail with a winmail.dat', () => {
  it('lists the files inside it instead of the .dat', async () => {
    const raw = [
      'From: Outlook User <outlook.user@example.com>', 'To: support@desk.example.com', 'Subject: 报价', 'Message-ID: <tnef-2@example.com>',
      'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain; charset=utf-8', '', '附件是报价单。',
      '--b', 'Content-Type: application/ms-tnef; name="winmail.dat"', 'Content-Disposition: attachment; filename="winmail.dat"',
      'Content-Transfer-Encoding: base64', '', winmail().toString('base64').replace(/.{76}/g, '$&\r\n'), '--b--', '',
    ].join('\r\n');
    const email = await parseEmail(Buffer.from(raw));
    expect(email.attachments.map((a) => [a.fileName, a.contentType, a.content.length])).toEqual([
      ['2026年报价单（最终版）.pdf', 'application/pdf', pdf.length],
      ['会议纪要.txt', 'text/plain', notes.length],
    ]);
  });
});
