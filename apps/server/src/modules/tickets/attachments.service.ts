import { createHash, randomBytes } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import type { Actor } from '../../platform/auth-context/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors/app-error.ts';
import type { Logger } from '../../platform/logger/logger.ts';
import type { FileStorage } from '../../platform/storage/storage.ts';
import { cleanFileName, decideContentType } from './domain/attachment-types.ts';
import { messagesRepo, type AttachmentRow } from './messages.repo.ts';
import { canSeeTicket } from './tickets.policy.ts';
import { ticketsRepo } from './tickets.repo.ts';

export interface UploadInput {
  fileName: string | undefined;
  declaredType: string | undefined;
  stream: Readable;
  /** True once the upload was cut at the size limit (the multipart parser's flag). */
  truncated: () => boolean;
}

const attachmentNotFound = () => notFound('ATTACHMENT_NOT_FOUND', 'The attachment');
const SNIFF_BYTES = 4100;

/** Reads the first `size` bytes (for the type sniffer) and gives back a stream of the whole. */
async function peek(stream: Readable, size: number): Promise<{ head: Buffer; rest: Readable }> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < size) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    chunks.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(chunks);
  async function* whole() {
    if (head.length > 0) yield head;
    while (!ended) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head, rest: Readable.from(whole(), { objectMode: false }) };
}

/**
 * Uploads are stored first (bytes in storage, a row with no message) and bound later by a
 * message that names their token. Only the uploader can bind or download an unbound upload;
 * a bound one is visible to whoever sees its ticket (and, for customers, only on public messages).
 */
export function createAttachmentsService(deps: { db: Database; storage: FileStorage; maxBytes: number; logger: Logger }) {
  const { db, storage } = deps;

  async function upload(actor: Actor, input: UploadInput): Promise<AttachmentRow> {
    const fileName = cleanFileName(input.fileName);
    const byName = decideContentType({ fileName, declared: input.declaredType ?? null, detected: null });
    if (!byName.ok) {
      input.stream.resume();
      throw new AppError('ATTACHMENT_TYPE_REFUSED', 415, byName.reason);
    }
    const { head, rest } = await peek(input.stream, SNIFF_BYTES);
    const detected = head.length > 0 ? ((await fileTypeFromBuffer(head))?.mime ?? null) : null;
    const decision = decideContentType({ fileName, declared: input.declaredType ?? null, detected });
    if (!decision.ok) {
      rest.resume();
      throw new AppError('ATTACHMENT_TYPE_REFUSED', 415, decision.reason);
    }
    const now = new Date();
    const key = `${actor.tenantId}/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomBytes(20).toString('hex')}`;
    const hash = createHash('sha256');
    let size = 0;
    const counting = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        size += chunk.length;
        callback(null, chunk);
      },
    });
    await storage.put(key, rest.pipe(counting));
    if (input.truncated() || size > deps.maxBytes) {
      await storage.delete(key);
      throw new AppError('ATTACHMENT_TOO_LARGE', 413, `Attachments may be at most ${deps.maxBytes} bytes`, { extra: { max_bytes: deps.maxBytes } });
    }
    if (size === 0) {
      await storage.delete(key);
      throw new AppError('ATTACHMENT_EMPTY', 400, 'The file is empty');
    }
    try {
      return await db.tenantTx(actor.tenantId, (trx) =>
        messagesRepo(trx, actor.tenantId).insertAttachment({
          uploader_id: actor.userId,
          upload_token: `att_${randomBytes(24).toString('base64url')}`,
          file_name: fileName,
          content_type: decision.contentType,
          size_bytes: String(size),
          sha256: hash.digest('hex'),
          storage_key: key,
        }),
      );
    } catch (error) {
      await storage.delete(key).catch(() => undefined);
      throw error;
    }
  }

  async function open(actor: Actor, id: string): Promise<{ attachment: AttachmentRow; stream: Readable }> {
    const attachment = await db.tenantTx(actor.tenantId, async (trx) => {
      const row = await messagesRepo(trx, actor.tenantId).findAttachment(id);
      if (!row) throw attachmentNotFound();
      if (row.message_id === null || row.ticket_id === null) {
        if (row.uploader_id !== actor.userId) throw attachmentNotFound();
        return row;
      }
      const ticket = await ticketsRepo(trx, actor.tenantId).find(row.ticket_id);
      if (!ticket || !canSeeTicket(actor, ticket)) throw attachmentNotFound();
      if (actor.role === 'customer' && !row.message_public) throw attachmentNotFound();
      return row;
    });
    const stream = await storage.get(attachment.storage_key);
    if (!stream) {
      deps.logger.error({ attachmentId: attachment.id }, 'attachment bytes missing from storage');
      throw attachmentNotFound();
    }
    return { attachment, stream };
  }

  return { upload, open };
}

export type AttachmentsService = ReturnType<typeof createAttachmentsService>;
