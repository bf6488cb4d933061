import fastifyMultipart from '@fastify/multipart';
import { requireActor } from '../../platform/auth-context/actor.ts';
import { authorize } from '../../platform/auth-context/permissions.ts';
import { AppError, notFound } from '../../platform/errors/app-error.ts';
import type { HttpServer } from '../../platform/http/create-http-server.ts';
import { presentTenant, tenantResponse } from './identity.presenter.ts';
import { idParam } from './identity.schemas.ts';
import { MAX_LOGO_BYTES, type TenantLogoService } from './tenant-logo.service.ts';

const tags = ['tenant'];

/** PUT/DELETE /tenant/logo (multipart upload, admin) and the public GET /tenants/:id/logo. */
export function tenantLogoRoutes(deps: { logos: TenantLogoService }) {
  return async function (app: HttpServer) {
    await app.register(fastifyMultipart, {
      limits: { fileSize: MAX_LOGO_BYTES, files: 1, fields: 2, parts: 3, fieldSize: 256, headerPairs: 50 },
      throwFileSizeLimit: false,
    });

    app.put(
      '/tenant/logo',
      { schema: { tags, summary: 'Upload the workspace logo (multipart/form-data; PNG, JPEG, GIF or WebP, at most 512 KiB)', consumes: ['multipart/form-data'], response: { 200: tenantResponse } } },
      async (request) => {
        const actor = requireActor(request);
        authorize(actor, 'tenant:write');
        if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 415, 'Send the image as multipart/form-data');
        const part = await request.file();
        if (!part) throw new AppError('LOGO_MISSING', 400, 'The request has no image');
        const bytes = await part.toBuffer().catch(() => Buffer.alloc(0));
        if (part.file.truncated) throw new AppError('LOGO_TOO_LARGE', 413, `A logo may be at most ${MAX_LOGO_BYTES / 1024} KiB`);
        return presentTenant(await deps.logos.upload(actor, bytes));
      },
    );

    app.delete(
      '/tenant/logo',
      { schema: { tags, summary: 'Remove the workspace logo (admin)', response: { 200: tenantResponse } } },
      async (request) => presentTenant(await deps.logos.remove(requireActor(request))),
    );

    app.get(
      '/tenants/:id/logo',
      { schema: { tags, summary: "A workspace's logo (public)", params: idParam } },
      async (request, reply) => {
        const logo = await deps.logos.find(request.params.id);
        if (!logo) throw notFound('LOGO_NOT_FOUND', 'The logo');
        return reply
          .header('content-type', logo.content_type)
          .header('cache-control', 'public, max-age=86400')
          .header('etag', `"${logo.sha256.slice(0, 32)}"`)
          .header('content-security-policy', "default-src 'none'; sandbox")
          .send(logo.bytes);
      },
    );
  };
}
