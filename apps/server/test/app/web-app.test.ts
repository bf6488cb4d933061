import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWebApp } from '../../src/app/web-app.ts';
import { createHttpServer, type HttpServer } from '../../src/platform/http/create-http-server.ts';
import { createLogger } from '../../src/platform/logger/logger.ts';

const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

async function appServing(distDir: string): Promise<HttpServer> {
  const app = await createHttpServer({ logger: createLogger('silent'), trustProxy: false });
  app.get('/api/v1/ping', async () => ({ pong: true }));
  await registerWebApp(app, { distDir });
  await app.ready();
  return app;
}

describe('the web app served by the API server', () => {
  let root: string;
  let dist: string;
  let app: HttpServer;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-web-'));
    dist = path.join(root, 'dist');
    fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Switchboard 总机</title><div id="root"></div>');
    fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log("app")');
    fs.writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    fs.writeFileSync(path.join(root, 'secret.txt'), 'outside');
    app = await appServing(dist);
  });

  afterAll(async () => {
    await app.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('serves the page at / without caching it, with a content security policy', async () => {
    const response = await app.inject({ url: '/', headers: html });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('Switchboard 总机');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('answers client-side routes with the page (SPA fallback)', async () => {
    for (const url of ['/tickets', '/tickets/42', '/sign-in?next=%2Ftickets']) {
      const response = await app.inject({ url, headers: html });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain('<div id="root">');
    }
  });

  it('serves hashed assets with a one-year immutable cache', async () => {
    const response = await app.inject({ url: '/assets/index-abc123.js' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('console.log("app")');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('serves other files with a short cache', async () => {
    const response = await app.inject({ url: '/favicon.svg' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('answers a missing asset with 404, never with the page', async () => {
    const response = await app.inject({ url: '/assets/index-old999.js', headers: { accept: '*/*' } });
    expect(response.statusCode).toBe(404);
    const asHtml = await app.inject({ url: '/assets/index-old999.js', headers: html });
    expect(asHtml.statusCode).toBe(404);
  });

  it('keeps /api JSON: an unknown API path is a problem document, known routes still answer', async () => {
    const unknown = await app.inject({ url: '/api/v1/nothing-here', headers: html });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknown.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
    expect((await app.inject({ url: '/api/v1/ping' })).json()).toEqual({ pong: true });
  });

  it('does not serve the page to clients that do not ask for HTML', async () => {
    const response = await app.inject({ url: '/tickets/42', headers: { accept: 'application/json' } });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });

  it('serves the app to clients that accept anything (curl)', async () => {
    const response = await app.inject({ url: '/', headers: { accept: '*/*' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
  });

  it('never serves a file outside the build directory', async () => {
    for (const url of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00']) {
      const response = await app.inject({ url, headers: { accept: 'text/plain' } });
      expect(response.body, url).not.toContain('outside');
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
    }
  });

  it('tells how to build the web app when it has not been built', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-nodist-'));
    const bare = await appServing(path.join(empty, 'dist'));
    try {
      const response = await bare.inject({ url: '/tickets', headers: html });
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain('npm run build -w @switchboard/web');
      const api = await bare.inject({ url: '/api/v1/ping' });
      expect(api.json()).toEqual({ pong: true });
      const asset = await bare.inject({ url: '/assets/x.js', headers: { accept: '*/*' } });
      expect(asset.statusCode).toBe(404);
    } finally {
      await bare.close();
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
