import type { LightMyRequestResponse } from 'fastify';
import type { HttpServer } from '../../src/platform/http/create-http-server.ts';
import { bearer } from './factories.ts';

/**
 * Ticket helpers over the real API (app.inject), for the tickets tests and any module that
 * needs tickets to exist. Each throws with the response body when the call does not succeed.
 */
export type Json = Record<string, any>;

const expectStatus = (response: LightMyRequestResponse, status: number, what: string) => {
  if (response.statusCode !== status) throw new Error(`${what}: expected ${status}, got ${response.statusCode} ${response.body}`);
  return response.json() as Json;
};

let counter = 0;

export async function createTicket(app: HttpServer, token: string, body: Json = {}): Promise<Json> {
  counter += 1;
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/tickets',
    headers: bearer(token),
    payload: {
      subject: `Order ${counter} did not arrive`,
      comment: { body: `Where is my parcel? (${counter})` },
      requester: { email: `customer-${counter}-${process.pid}@example.com`, name: `Customer ${counter}` },
      ...body,
    },
  });
  return expectStatus(response, 201, 'create ticket');
}

export async function updateTicket(app: HttpServer, token: string, ticket: Json, body: Json): Promise<Json> {
  const response = await app.inject({
    method: 'PATCH',
    url: `/api/v1/tickets/${ticket.id}`,
    headers: { ...bearer(token), 'if-match': String(ticket.version) },
    payload: body,
  });
  return expectStatus(response, 200, 'update ticket');
}

export async function postMessage(app: HttpServer, token: string, ticketId: string, body: Json): Promise<Json> {
  const response = await app.inject({ method: 'POST', url: `/api/v1/tickets/${ticketId}/messages`, headers: bearer(token), payload: body });
  return expectStatus(response, 201, 'post message');
}

export async function getTicket(app: HttpServer, token: string, id: string): Promise<Json> {
  return expectStatus(await app.inject({ url: `/api/v1/tickets/${id}`, headers: bearer(token) }), 200, 'get ticket');
}

export async function ticketEvents(app: HttpServer, token: string, id: string): Promise<Json[]> {
  return expectStatus(await app.inject({ url: `/api/v1/tickets/${id}/events`, headers: bearer(token) }), 200, 'ticket events').data;
}

export async function createCustomField(app: HttpServer, token: string, body: Json): Promise<Json> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/custom-fields', headers: bearer(token), payload: { title: body.key, ...body } });
  return expectStatus(response, 201, 'create custom field');
}

/** A multipart/form-data body with one file part, as a browser sends it. */
export function multipartFile(fileName: string, contentType: string, content: Buffer | string) {
  const boundary = `----switchboard${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.isBuffer(content) ? content : Buffer.from(content), tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export async function uploadFile(app: HttpServer, token: string, fileName: string, contentType: string, content: Buffer | string): Promise<Json> {
  const file = multipartFile(fileName, contentType, content);
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/attachments',
    headers: { ...bearer(token), ...file.headers },
    payload: file.payload,
  });
  return expectStatus(response, 201, 'upload');
}
