import { randomBytes } from 'node:crypto';
import type { HttpServer } from '../../src/platform/http/create-http-server.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { receiveInbound } from '../../src/modules/email/index.ts';
import { bearer } from '../helpers/factories.ts';
import { createTicket, postMessage, uploadFile } from '../helpers/ticket-factories.ts';
import type { Fixtures } from './route-table.ts';

/**
 * Rows for the route-table cases, made through the API with an admin token. Every name made
 * here starts with `marker`, so a response can be searched for anything of this tenant.
 */
export async function buildFixtures(app: HttpServer, admin: string, customerId: string, marker = 'fx', db?: Database): Promise<Fixtures> {
    const api = async (method: 'POST' | 'GET', url: string, body?: object) => {
      const response = await app.inject({ method, url, payload: body, headers: bearer(admin) });
      if (response.statusCode >= 300) throw new Error(`fixture ${method} ${url}: ${response.statusCode} ${response.body}`);
      return response.json();
    };
    const unique = () => `${marker}${randomBytes(4).toString('hex')}`;
    const ticketOf = async () => {
      const ticket = await createTicket(app, admin, { requester_id: customerId });
      return { id: ticket.id as string, version: ticket.version as number };
    };
    const base = await ticketOf();
    const upload = await uploadFile(app, admin, 'note.txt', 'text/plain', 'hello');
    await postMessage(app, admin, base.id, { body: 'see attached', public: true, attachment_tokens: [upload.token] });
    return {
      unique,
      customerId,
      customerTicket: ticketOf,
      attachmentId: upload.id,
      freshCustomerId: async () => (await api('POST', '/api/v1/users', { name: 'C', email: `${unique()}@example.com`, role: 'customer' })).id,
      groupId: async () => (await api('POST', '/api/v1/groups', { name: `G ${unique()}` })).id,
      organizationId: async () => (await api('POST', '/api/v1/organizations', { name: `O ${unique()}` })).id,
      tokenId: async () => (await api('POST', '/api/v1/api-tokens', { name: `t ${unique()}`, scope: 'read' })).id,
      statusId: async () => (await api('POST', '/api/v1/ticket-statuses', { name: `S ${unique()}`, category: 'open' })).id,
      categoryId: async () => (await api('POST', '/api/v1/categories', { name: `C ${unique()}` })).id,
      customFieldId: async () => (await api('POST', '/api/v1/custom-fields', { key: `f_${unique()}`, title: 'F', type: 'text' })).id,
      formId: async () => (await api('POST', '/api/v1/ticket-forms', { name: `F ${unique()}` })).id,
      invitedAgentId: async () => (await api('POST', '/api/v1/invitations', { name: 'Invitee', email: `${unique()}@example.com`, role: 'agent' })).user.id,
      tag: async () => (await api('POST', '/api/v1/tags', { name: `tag-${unique()}` })).name,
      secondaryIdentity: async () => {
        const customerId = (await api('POST', '/api/v1/users', { name: 'C', email: `${unique()}@example.com`, role: 'customer' })).id;
        const value = `${unique()}@example.com`;
        const profile = await api('POST', `/api/v1/customers/${customerId}/identities`, { kind: 'email', value });
        return { customerId, identityId: String(profile.identities.find((identity: { value: string }) => identity.value === value).id) };
      },
      mailboxId: async () => (await api('POST', '/api/v1/mailboxes', { address: `${unique()}@support.example.com`, name: `M ${unique()}` })).id,
      inboundEmailId: async () => {
        if (!db) throw new Error('inboundEmailId needs the database');
        const mailbox = await api('POST', '/api/v1/mailboxes', { address: `${unique()}@support.example.com`, name: `M ${unique()}` });
        const me = await api('GET', '/api/v1/auth/me');
        const raw = Buffer.from(`From: a@example.com\r\nTo: ${mailbox.address}\r\nSubject: ${unique()}\r\nAuto-Submitted: auto-replied\r\n\r\nout of office\r\n`);
        const id = await receiveInbound(db, String(me.tenant.id), {
          mailbox_id: mailbox.id, source: 'smtp', envelope_from: 'a@example.com', envelope_to: [mailbox.address],
          size_bytes: raw.length, raw, truncated: false, maxBytes: 1024 * 1024,
        });
        return id!;
      },
      viewId: async () => (await api('POST', '/api/v1/views', { title: `V ${unique()}`, scope: 'shared', conditions: { all: [{ field: 'status_category', operator: 'less_than', value: 'solved' }] } })).id,
    };
}
