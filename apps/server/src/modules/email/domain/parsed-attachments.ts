import type { Attachment } from 'mailparser';
import { unpackTnef } from './tnef.ts';

export interface ParsedAttachment {
  fileName: string;
  contentType: string;
  content: Buffer;
  contentId: string | null;
  /** an image the HTML body shows through cid: (so not listed as a download) */
  inline: boolean;
}

/** mailparser's attachments in our shape, with names repaired or made up where missing. */
export function toParsedAttachments(
  attachments: Attachment[],
  html: string | null,
  fileNames: Map<string, string>,
): ParsedAttachment[] {
  const referenced = new Set([...(html ?? '').matchAll(/cid:([^"'\s)>]+)/gi)].map((m) => safeDecode(m[1]).toLowerCase()));
  let messages = 0;
  return attachments.flatMap((attachment, index): ParsedAttachment[] => {
    const contentType = (attachment.contentType || 'application/octet-stream').toLowerCase();
    if (contentType === 'message/rfc822' || contentType === 'message/global') messages++;
    // Outlook's winmail.dat: the files inside it, when it holds any (else the .dat itself).
    const packed = TNEF_TYPES.has(contentType) ? unpackTnef(attachment.content) : [];
    if (packed.length > 0) {
      return packed.map((file) => ({ fileName: file.fileName, contentType: typeByExtension(file.fileName), content: file.content, contentId: null, inline: false }));
    }
    const contentId = attachment.cid?.trim() || null;
    return [{
      fileName: fileNameFor((attachment.partId && fileNames.get(attachment.partId)) || attachment.filename, contentType, index + 1, messages),
      contentType,
      content: attachment.content,
      contentId,
      inline: contentId !== null && referenced.has(contentId.toLowerCase()),
    }];
  });
}

const TNEF_TYPES = new Set(['application/ms-tnef', 'application/vnd.ms-tnef']);

/** A file from inside winmail.dat has no declared type: its extension's, else octet-stream. */
function typeByExtension(fileName: string): string {
  const extension = fileName.includes('.') ? `.${fileName.split('.').pop()!.toLowerCase()}` : '';
  return Object.entries(EXTENSIONS).find(([, ext]) => ext === extension)?.[0] ?? 'application/octet-stream';
}

function fileNameFor(given: string | undefined, contentType: string, position: number, messageNumber: number): string {
  let name = (given ?? '')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  if (contentType === 'message/rfc822' || contentType === 'message/global') {
    if (!name) name = messageNumber === 1 ? 'message.eml' : `message-${messageNumber}.eml`;
    else if (!/\.eml$/i.test(name)) name += '.eml';
    return name;
  }
  return name || DEFAULT_NAMES[contentType] || `attachment-${position}${EXTENSIONS[contentType] ?? '.bin'}`;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const DEFAULT_NAMES: Record<string, string> = {
  'message/delivery-status': 'delivery-status.txt',
  'message/global-delivery-status': 'delivery-status.txt',
  'text/rfc822-headers': 'original-headers.txt',
  'message/global-headers': 'original-headers.txt',
  'application/ms-tnef': 'winmail.dat',
  'application/vnd.ms-tnef': 'winmail.dat',
};

const EXTENSIONS: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'application/pdf': '.pdf',
  'text/plain': '.txt',
  'text/html': '.html',
  'text/calendar': '.ics',
  'application/zip': '.zip',
  'application/msword': '.doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
};
