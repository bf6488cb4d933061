import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AttachmentUpload, IdParams } from '@switchboard/contracts';
import { requireActor } from '../../platform/auth-context/actor.ts';
import { can, authorize } from '../../platform/auth-context/permissions.ts';
import { AppError, forbidden } from '../../platform/errors/app-error.ts';
import { contentDisposition, servedContentType } from './domain/attachment-types.ts';
import type { AttachmentsService } from './attachments.service.ts';
import { presentAttachment } from './tickets.presenter.ts';

/**
 * POST /attachments: one multipart file (field name free), at most maxBytes (413 beyond);
 * answers a token that a message binds with attachment_tokens.
 * GET /attachments/:id: the bytes, always as a download, with a safe content type.
 */
export function attachmentsRoutes(deps: { attachments: AttachmentsService; maxBytes: number }): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(fastifyMultipart, {
      limits: { fileSize: deps.maxBytes, files: 1, fields: 5, parts: 6, fieldSize: 1024, headerPairs: 100 },
      throwFileSizeLimit: false,
    });

    app.post('/attachments', {
      schema: {
        tags: ['attachments'],
        summary: 'Upload one file (multipart/form-data); bind it to a message with its token',
        consumes: ['multipart/form-data'],
        response: { 201: AttachmentUpload },
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      if (!can(actor, 'tickets:reply') && !can(actor, 'tickets:note')) throw forbidden('Your role cannot add messages, so it cannot upload');
      if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 415, 'Send the file as multipart/form-data');
      const part = await request.file();
      if (!part) throw new AppError('ATTACHMENT_MISSING', 400, 'The request has no file part');
      const row = await deps.attachments.upload(actor, {
        fileName: part.filename,
        declaredType: part.mimetype,
        stream: part.file,
        truncated: () => part.file.truncated,
      });
      return reply.status(201).send({ ...presentAttachment(row), token: row.upload_token });
    });

    app.get('/attachments/:id', {
      schema: { tags: ['attachments'], summary: 'Download an attachment (Content-Disposition: attachment)', params: IdParams },
    }, async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, 'tickets:read');
      const { attachment, stream } = await deps.attachments.open(actor, request.params.id);
      reply
        .header('content-type', servedContentType(attachment.content_type))
        .header('content-disposition', contentDisposition(attachment.file_name))
        .header('content-length', attachment.size_bytes)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, max-age=0, must-revalidate');
      return reply.send(stream);
    });
  };
}
