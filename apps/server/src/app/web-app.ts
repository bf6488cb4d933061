import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpServer } from '../platform/http/create-http-server.ts';

/** Where `npm run build -w @switchboard/web` writes the web app. */
export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

const YEAR_MS = 365 * 24 * 3600 * 1000;

/**
 * The page's own rules: scripts only from here, no framing, sockets only back to this origin.
 * Ant Design writes its styles at run time, hence 'unsafe-inline' for styles (never for scripts).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const notBuiltPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Switchboard 总机</title>
<style>body{font:16px/1.6 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2937}code{background:#f3f4f6;padding:.15rem .4rem;border-radius:4px}</style>
</head><body>
<h1>Switchboard 总机</h1>
<p>The server is running, but the web app has not been built yet. Run:</p>
<p><code>npm run build -w @switchboard/web</code></p>
<p>then reload this page. (<code>npm start</code> builds it for you.) The API is available under <code>/api/v1</code>; its documentation is at <a href="/api/docs">/api/docs</a>.</p>
<p lang="zh-CN">服务器已启动，但网页端尚未构建。请运行 <code>npm run build -w @switchboard/web</code> 后刷新本页。</p>
</body></html>`;

function acceptsHtml(request: FastifyRequest): boolean {
  // Browsers ask for text/html; tools like curl send */* or nothing: they get the page too.
  // Only a client that asks for something else (JSON, an image) gets the 404.
  const accept = request.headers.accept ?? '*/*';
  return accept.includes('text/html') || accept.includes('*/*');
}

function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

/** The request path, decoded, or null when it is malformed or tries to leave the directory. */
function relativeFile(url: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.split('?')[0]);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const normal = path.posix.normalize(pathname);
  if (!normal.startsWith('/') || normal.split('/').includes('..')) return null;
  return normal.slice(1);
}

function isFile(distDir: string, relative: string): boolean {
  if (!relative) return false;
  const full = path.join(distDir, relative);
  if (!full.startsWith(distDir)) return false;
  try {
    return fs.statSync(full).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves the built web app (apps/web/dist) from the API server: hashed assets with a one-year
 * immutable cache, every other GET that asks for HTML gets index.html (the SPA's router takes it
 * from there). /api stays JSON: an unknown API path is a problem document, never the page.
 * Registered last, so every real route wins over the catch-all.
 */
export async function registerWebApp(app: HttpServer, options: { distDir?: string } = {}): Promise<void> {
  const distDir = path.resolve(options.distDir ?? DEFAULT_WEB_DIST) + path.sep;

  await app.register(async (scope) => {
    // In its own scope: the reply.sendFile decorator stays here (other plugins may add theirs).
    await scope.register(fastifyStatic, { root: distDir, serve: false, preCompressed: true, suppressWarning: true });

    const sendIndex = (reply: FastifyReply) =>
      reply
        .header('cache-control', 'no-cache')
        .header('content-security-policy', CONTENT_SECURITY_POLICY)
        .header('referrer-policy', 'same-origin')
        .sendFile('index.html', { cacheControl: false });

    scope.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const relative = relativeFile(request.url);
      if (relative === null) return reply.callNotFound();
      if (isApiPath(`/${relative}`)) return reply.callNotFound();

      const built = isFile(distDir, 'index.html');
      if (!built) {
        if (!acceptsHtml(request) || relative.startsWith('assets/')) return reply.callNotFound();
        return reply.status(503).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(notBuiltPage);
      }
      if (relative === 'index.html') return sendIndex(reply);
      if (isFile(distDir, relative)) {
        // Vite puts a content hash in every file name under assets/: they never change.
        if (relative.startsWith('assets/')) return reply.sendFile(relative, { maxAge: YEAR_MS, immutable: true });
        return reply.sendFile(relative, { maxAge: 3600 * 1000 });
      }
      // A client-side route (/tickets/12): the app. A missing asset or a non-HTML client: 404.
      if (acceptsHtml(request) && !relative.startsWith('assets/')) return sendIndex(reply);
      return reply.callNotFound();
    });
  });
}
