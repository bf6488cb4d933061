import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Transaction } from 'kysely';
import type { FileStorage } from '../../../platform/storage/storage.ts';
import { decideContentType, registerChannelUploads, sanitizeMessageHtml, type AttachmentRow, type MessageInput } from '../../tickets/index.ts';
import type { ParsedAttachment, ParsedEmail } from '../domain/parse.ts';
import { foldQuotes } from '../domain/quotes.ts';
import type { InboundRow } from './inbound.repo.ts';

const MAX_ATTACHMENTS = 20;
const MAX_BODY = 200_000;

/**
 * The message an inbound mail becomes: the reply itself visible, quoted history and signature
 * folded into the metadata (the raw keeps everything), attachments stored and registered as
 * its uploads (`uploads`: the tickets module's channelUploads), inline `cid:` images pointed at
 * their stored attachment.
 */
export async function buildMessageInput(
  trx: Transaction<any>,
  tenantId: string,
  input: { parsed: ParsedEmail; inbound: InboundRow; authorId: string; storage: FileStorage; forwardedText?: string | null },
): Promise<{ message: MessageInput; uploads: AttachmentRow[] }> {
  const { parsed } = input;
  const folded = input.forwardedText
    ? { visibleText: parsed.text, quotedText: null, visibleHtml: parsed.html, quotedHtml: null }
    : foldQuotes(parsed.text, parsed.html);

  const { uploads, cidUrls, refused } = await storeAttachments(trx, tenantId, parsed.attachments, input.authorId, input.storage);
  const withImages = (html: string | null) => (html ? replaceCids(html, cidUrls) : null);
  const visibleHtml = withImages(folded.visibleHtml);
  const quotedHtml = withImages(folded.quotedHtml);
  const text = folded.visibleText.trim() || parsed.text.trim() || (visibleHtml ? '' : '(empty message)');

  const message: MessageInput = {
    public: true,
    body: text.slice(0, MAX_BODY),
    html_body: visibleHtml ?? undefined,
    authorId: input.authorId,
    uploaderId: input.authorId,
    metadata: {
      email: {
        from: parsed.from ? formatAddress(parsed.from) : input.inbound.envelope_from,
        to: parsed.to.map(formatAddress),
        cc: parsed.cc.map(formatAddress),
        subject: parsed.subject,
        message_id: input.inbound.message_id,
        inbound_id: input.inbound.id,
        quoted_text: folded.quotedText?.slice(0, MAX_BODY) ?? null,
        quoted_html: quotedHtml ? sanitizeMessageHtml(quotedHtml).slice(0, 500_000) : null,
        ...(refused.length > 0 ? { refused_attachments: refused } : {}),
      },
    },
  };
  return { message, uploads };
}

const formatAddress = (address: { address: string; name: string | null }) => (address.name ? `${address.name} <${address.address}>` : address.address);

async function storeAttachments(
  trx: Transaction<any>,
  tenantId: string,
  attachments: ParsedAttachment[],
  uploaderId: string,
  storage: FileStorage,
): Promise<{ uploads: AttachmentRow[]; cidUrls: Map<string, string>; refused: { file_name: string; reason: string }[] }> {
  const files: Array<{ fileName: string; contentType: string; content: Buffer; storageKey: string; contentId: string | null }> = [];
  const refused: { file_name: string; reason: string }[] = [];
  for (const attachment of attachments.slice(0, MAX_ATTACHMENTS)) {
    if (attachment.content.length === 0) continue;
    const decision = decideContentType({ fileName: attachment.fileName, declared: attachment.contentType, detected: null });
    if (!decision.ok) {
      refused.push({ file_name: attachment.fileName, reason: decision.reason });
      continue;
    }
    const now = new Date();
    const key = `${tenantId}/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomBytes(20).toString('hex')}`;
    await storage.put(key, Readable.from([attachment.content]));
    files.push({ fileName: attachment.fileName, contentType: decision.contentType, content: attachment.content, storageKey: key, contentId: attachment.contentId ?? null });
  }
  for (const attachment of attachments.slice(MAX_ATTACHMENTS)) refused.push({ file_name: attachment.fileName, reason: `more than ${MAX_ATTACHMENTS} attachments` });
  const uploads = files.length > 0 ? await registerChannelUploads(trx, tenantId, uploaderId, files) : [];
  const cidUrls = new Map<string, string>();
  files.forEach((file, index) => {
    if (file.contentId) cidUrls.set(file.contentId.replace(/^<|>$/g, '').toLowerCase(), `/api/v1/attachments/${uploads[index]!.id}`);
  });
  return { uploads, cidUrls, refused };
}

/** `src="cid:part1@x"` → the stored attachment's URL (unknown cids are left for the sanitiser). */
function replaceCids(html: string, cidUrls: Map<string, string>): string {
  if (cidUrls.size === 0) return html;
  return html.replace(/(["'])cid:([^"']+)\1/gi, (whole, quote: string, cid: string) => {
    const url = cidUrls.get(cid.trim().toLowerCase());
    return url ? `${quote}${url}${quote}` : whole;
  });
}
