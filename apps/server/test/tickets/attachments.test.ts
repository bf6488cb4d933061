import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createTenantWithRoles, createUser, createToken } from '../helpers/factories.ts';
import { registerChannelUploads } from '../../src/modules/tickets/index.ts';
import { createTicket, multipartFile, postMessage, uploadFile, type Json } from '../helpers/ticket-factories.ts';

// The smallest valid PNG (1x1), so the sniffer has real magic numbers to read.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const MZ = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0)]);

describe('attachments', () => {
  let t: TestApp;
  let small: TestApp;
  let env: Awaited<ReturnType<typeof createTenantWithRoles>>;
  const download = (token: string, id: string) => t.app.inject({ url: `/api/v1/attachments/${id}`, headers: bearer(token) });

  beforeAll(async () => {
    t = await createTestApp();
    small = await createTestApp({ SWITCHBOARD_MAX_ATTACHMENT_BYTES: '1024' });
    env = await createTenantWithRoles(t.ctx.db);
  });
  afterAll(async () => {
    await t.close();
    await small.close();
  });

  it('registers a channel\'s attachments in one statement, each returned in the order given', async () => {
    const files = ['c.txt', 'a.txt', 'b.txt'].map((fileName, index) => ({ fileName, contentType: 'text/plain', content: Buffer.from(fileName), storageKey: `k/${index}` }));
    const rows = await t.ctx.db.tenantTx(env.tenant.id, (trx) => registerChannelUploads(trx, env.tenant.id, env.users.customer.id, files));
    expect(rows.map((row) => [row.file_name, row.storage_key, row.uploader_id])).toEqual(files.map((file) => [file.fileName, file.storageKey, env.users.customer.id]));
    expect(rows.map((row) => Number(row.id))).toEqual(rows.map((row) => Number(row.id)).sort((a, b) => a - b));
    expect(new Set(rows.map((row) => row.upload_token)).size).toBe(3);
  });

  it('uploads, binds to a message and downloads with safe headers', async () => {
    const upload = await uploadFile(t.app, env.tokens.customer, '收据 photo.png', 'image/png', PNG);
    expect(upload).toMatchObject({ file_name: '收据 photo.png', content_type: 'image/png', size: PNG.length, token: expect.stringMatching(/^att_/) });
    const ticket = await createTicket(t.app, env.tokens.customer, { requester: undefined, comment: { body: 'see photo', attachment_tokens: [upload.token] } });
    const messages = (await t.app.inject({ url: `/api/v1/tickets/${ticket.id}/messages`, headers: bearer(env.tokens.customer) })).json().data;
    expect(messages[0].attachments).toEqual([{ id: upload.id, file_name: '收据 photo.png', content_type: 'image/png', size: PNG.length, url: `/api/v1/attachments/${upload.id}` }]);

    const response = await download(env.tokens.customer, upload.id);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(PNG)).toBe(true);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="__ photo.png"; filename*=UTF-8''%E6%94%B6%E6%8D%AE%20photo.png`);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect((await download(env.tokens.agent, upload.id)).statusCode).toBe(200);
  });

  it('a token binds once, only for its uploader', async () => {
    const upload = await uploadFile(t.app, env.tokens.agent, 'notes.txt', 'text/plain', 'hello');
    const ticket = await createTicket(t.app, env.tokens.agent);
    const stolen = await t.app.inject({
      method: 'POST', url: `/api/v1/tickets/${ticket.id}/messages`, headers: bearer(env.tokens.supervisor),
      payload: { body: 'mine now', attachment_tokens: [upload.token] },
    });
    expect(stolen.statusCode).toBe(400);
    expect(stolen.json()).toMatchObject({ code: 'ATTACHMENT_TOKEN_INVALID', errors: [{ path: 'body.attachment_tokens.0' }] });
    const note = await postMessage(t.app, env.tokens.agent, ticket.id, { body: 'log attached', public: false, attachment_tokens: [upload.token] });
    expect(note.attachments).toHaveLength(1);
    const again = await t.app.inject({
      method: 'POST', url: `/api/v1/tickets/${ticket.id}/messages`, headers: bearer(env.tokens.agent),
      payload: { body: 'again', attachment_tokens: [upload.token] },
    });
    expect(again.statusCode).toBe(400);
    // Before binding only the uploader may download; after, those who see the ticket.
    const pending = await uploadFile(t.app, env.tokens.agent, 'draft.txt', 'text/plain', 'draft');
    expect((await download(env.tokens.agent, pending.id)).statusCode).toBe(200);
    expect((await download(env.tokens.admin, pending.id)).statusCode).toBe(404);
  });

  it('hides attachments of internal notes and of other people’s tickets (404)', async () => {
    const ticket = await createTicket(t.app, env.tokens.agent, { requester: undefined, requester_id: env.users.customer.id });
    const internal = await uploadFile(t.app, env.tokens.agent, 'internal.txt', 'text/plain', 'staff only');
    await postMessage(t.app, env.tokens.agent, ticket.id, { body: 'note', public: false, attachment_tokens: [internal.token] });
    expect((await download(env.tokens.customer, internal.id)).statusCode).toBe(404);

    const stranger = await createUser(t.ctx.db, env.tenant.id, { role: 'customer' });
    const strangerToken = await createToken(t.ctx.db, env.tenant.id, stranger.id);
    const shared = await uploadFile(t.app, env.tokens.agent, 'invoice.txt', 'text/plain', 'invoice');
    await postMessage(t.app, env.tokens.agent, ticket.id, { body: 'invoice', attachment_tokens: [shared.token] });
    expect((await download(env.tokens.customer, shared.id)).statusCode).toBe(200);
    const denied = await download(strangerToken, shared.id);
    expect(denied.statusCode).toBe(404);
    expect(denied.json().code).toBe('ATTACHMENT_NOT_FOUND');
    const otherTenant = await createTenantWithRoles(t.ctx.db);
    expect((await download(otherTenant.tokens.owner, shared.id)).statusCode).toBe(404);
  });

  it('refuses files over the limit with 413 ATTACHMENT_TOO_LARGE', async () => {
    const local = await createTenantWithRoles(small.ctx.db);
    const file = multipartFile('big.bin', 'application/octet-stream', Buffer.alloc(4096, 7));
    const response = await small.app.inject({ method: 'POST', url: '/api/v1/attachments', headers: { ...bearer(local.tokens.agent), ...file.headers }, payload: file.payload });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE', max_bytes: 1024 });
    const fits = await uploadFile(small.app, local.tokens.agent, 'ok.txt', 'text/plain', 'x'.repeat(1024));
    expect(fits.size).toBe(1024);
  });

  it('refuses executables and serves HTML as a download of octet-stream', async () => {
    const exe = multipartFile('invoice.pdf', 'application/pdf', MZ);
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/attachments', headers: { ...bearer(env.tokens.agent), ...exe.headers }, payload: exe.payload });
    expect(refused.statusCode).toBe(415);
    expect(refused.json().code).toBe('ATTACHMENT_TYPE_REFUSED');
    const html = await uploadFile(t.app, env.tokens.agent, 'page.html', 'text/html', '<script>alert(1)</script>');
    expect(html.content_type).toBe('application/octet-stream');
    const lying = await uploadFile(t.app, env.tokens.agent, 'fake.png', 'image/png', '<html>not a png</html>');
    expect(lying.content_type).toBe('application/octet-stream');
    const sniffed = await uploadFile(t.app, env.tokens.agent, 'picture', 'application/octet-stream', PNG);
    expect(sniffed.content_type).toBe('image/png');
  });

  it('refuses requests without a file, without multipart, or without a role that can post', async () => {
    const json = await t.app.inject({ method: 'POST', url: '/api/v1/attachments', headers: bearer(env.tokens.agent), payload: { file: 'x' } });
    expect(json.statusCode).toBe(415);
    const empty = multipartFile('empty.txt', 'text/plain', '');
    const emptyResponse = await t.app.inject({ method: 'POST', url: '/api/v1/attachments', headers: { ...bearer(env.tokens.agent), ...empty.headers }, payload: empty.payload });
    expect(emptyResponse.statusCode).toBe(400);
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/attachments', ...multipartFile('a.txt', 'text/plain', 'a') });
    expect(anonymous.statusCode).toBe(401);
    expect((await download(env.tokens.agent, '99999999')).statusCode).toBe(404);
  });
});
