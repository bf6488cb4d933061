import type { Role } from '../../src/platform/auth-context/actor.ts';
import type { Permission } from '../../src/platform/auth-context/permissions.ts';

/**
 * Every API route, what it needs, and a valid request for it. The route-table test checks this
 * list against the routes the app really has, then calls each case as every role.
 *
 * `needs`: a permission (roles without it get 403), 'authenticated' (any signed-in role),
 * 'public' (no sign-in), or a custom list of the roles that may.
 */
export interface RouteCase {
  route: string; // 'METHOD /api/v1/path/:param' exactly as registered
  label?: string;
  needs: Permission | 'authenticated' | 'public' | { roles: readonly Role[] };
  /** Builds the request from fixtures; may create fresh rows (for deletes and updates). */
  request: (fx: Fixtures) => Promise<{ url: string; body?: unknown; headers?: Record<string, string> }> | { url: string; body?: unknown; headers?: Record<string, string> };
  /** Status of an allowed call. */
  ok: number | number[];
}

export interface Fixtures {
  unique: () => string;
  customerTicket: () => Promise<{ id: string; version: number }>;
  customerId: string;
  groupId: () => Promise<string>;
  organizationId: () => Promise<string>;
  tokenId: () => Promise<string>;
  statusId: () => Promise<string>;
  categoryId: () => Promise<string>;
  customFieldId: () => Promise<string>;
  formId: () => Promise<string>;
  tag: () => Promise<string>;
  /** A fresh shared view (made by an admin). */
  viewId: () => Promise<string>;
  mailboxId: () => Promise<string>;
  /** A fresh customer with a second (unverified) email identity. */
  secondaryIdentity: () => Promise<{ customerId: string; identityId: string }>;
  /** A stored inbound message (an auto-reply, so it stays out of tickets). */
  inboundEmailId: () => Promise<string>;
  attachmentId: string;
  freshCustomerId: () => Promise<string>;
  /** A staff member invited and not yet accepted. */
  invitedAgentId: () => Promise<string>;
}

const staff = ['owner', 'admin', 'supervisor', 'agent', 'light_agent'] as const;
const allStaffWhoSeeAll = staff;

export const routeCases: RouteCase[] = [
  // Public and session
  { route: 'GET /api/v1/setup', needs: 'public', request: () => ({ url: '/api/v1/setup' }), ok: 200 },
  { route: 'POST /api/v1/setup', needs: 'public', ok: 409, request: (fx) => ({ url: '/api/v1/setup', body: { company: `C ${fx.unique()}`, name: 'N', email: `${fx.unique()}@example.com`, password: 'a-long-enough-password' } }) },
  { route: 'POST /api/v1/auth/login', needs: 'public', ok: [401, 429], request: () => ({ url: '/api/v1/auth/login', body: { email: 'nobody@example.com', password: 'wrong-password-here' } }) },
  { route: 'POST /api/v1/auth/logout', needs: 'public', ok: [200, 204], request: () => ({ url: '/api/v1/auth/logout' }) },
  { route: 'GET /api/v1/auth/me', needs: 'authenticated', ok: 200, request: () => ({ url: '/api/v1/auth/me' }) },

  // Tenant settings, audit, tokens
  { route: 'GET /api/v1/tenant', needs: 'authenticated', ok: 200, request: () => ({ url: '/api/v1/tenant' }) },
  { route: 'PATCH /api/v1/tenant', needs: 'tenant:write', ok: 200, request: () => ({ url: '/api/v1/tenant', body: { time_zone: 'Asia/Shanghai' } }) },
  { route: 'GET /api/v1/audit-log', needs: 'audit:read', ok: 200, request: () => ({ url: '/api/v1/audit-log' }) },
  { route: 'GET /api/v1/api-tokens', needs: 'tokens:manage', ok: 200, request: () => ({ url: '/api/v1/api-tokens' }) },
  { route: 'POST /api/v1/api-tokens', needs: 'tokens:manage', ok: 201, request: (fx) => ({ url: '/api/v1/api-tokens', body: { name: `t ${fx.unique()}`, scope: 'read' } }) },
  { route: 'DELETE /api/v1/api-tokens/:id', needs: 'tokens:manage', ok: [200, 204], request: async (fx) => ({ url: `/api/v1/api-tokens/${await fx.tokenId()}` }) },
  { route: 'GET /api/v1/analytics/daily-ticket-facts', needs: { roles: allStaffWhoSeeAll }, ok: 200, request: () => ({ url: '/api/v1/analytics/daily-ticket-facts' }) },

  // People
  { route: 'GET /api/v1/users', needs: 'users:read', ok: 200, request: () => ({ url: '/api/v1/users' }) },
  { route: 'POST /api/v1/users', label: 'customer', needs: 'customers:write', ok: 201, request: (fx) => ({ url: '/api/v1/users', body: { name: 'New customer', email: `${fx.unique()}@example.com`, role: 'customer' } }) },
  { route: 'POST /api/v1/users', label: 'agent', needs: 'staff:write', ok: 201, request: (fx) => ({ url: '/api/v1/users', body: { name: 'New agent', email: `${fx.unique()}@example.com`, role: 'agent' } }) },
  { route: 'GET /api/v1/users/:id', needs: 'users:read', ok: 200, request: async (fx) => ({ url: `/api/v1/users/${await fx.freshCustomerId()}` }) },
  { route: 'PATCH /api/v1/users/:id', needs: 'customers:write', ok: 200, request: async (fx) => ({ url: `/api/v1/users/${await fx.freshCustomerId()}`, body: { name: 'Renamed' } }) },
  { route: 'DELETE /api/v1/users/:id', needs: 'customers:write', ok: [200, 204], request: async (fx) => ({ url: `/api/v1/users/${await fx.freshCustomerId()}` }) },
  // Customer 360 (identity ids are not in the fixtures: the identity routes answer an allowed role 404 IDENTITY_NOT_FOUND)
  { route: 'GET /api/v1/customers/:id', needs: 'users:read', ok: 200, request: async (fx) => ({ url: `/api/v1/customers/${await fx.freshCustomerId()}` }) },
  { route: 'GET /api/v1/customers/:id/tickets', needs: 'users:read', ok: 200, request: (fx) => ({ url: `/api/v1/customers/${fx.customerId}/tickets` }) },
  { route: 'GET /api/v1/customers/:id/history', needs: 'users:read', ok: 200, request: async (fx) => ({ url: `/api/v1/customers/${await fx.freshCustomerId()}/history` }) },
  { route: 'PATCH /api/v1/customers/:id', needs: 'customers:write', ok: 200, request: async (fx) => ({ url: `/api/v1/customers/${await fx.freshCustomerId()}`, body: { notes: 'n', vip_level: 1 } }) },
  { route: 'POST /api/v1/customers/:id/identities', needs: 'customers:write', ok: 201, request: async (fx) => ({ url: `/api/v1/customers/${await fx.freshCustomerId()}/identities`, body: { kind: 'email', value: `${fx.unique()}@example.com` } }) },
  { route: 'POST /api/v1/customers/:id/identities/:identityId/verify', needs: 'customers:write', ok: 200, request: async (fx) => {
    const { customerId, identityId } = await fx.secondaryIdentity();
    return { url: `/api/v1/customers/${customerId}/identities/${identityId}/verify` };
  } },
  { route: 'POST /api/v1/customers/:id/identities/:identityId/primary', needs: 'customers:write', ok: 200, request: async (fx) => {
    const { customerId, identityId } = await fx.secondaryIdentity();
    return { url: `/api/v1/customers/${customerId}/identities/${identityId}/primary` };
  } },
  { route: 'DELETE /api/v1/customers/:id/identities/:identityId', needs: 'customers:write', ok: [200, 204], request: async (fx) => {
    const { customerId, identityId } = await fx.secondaryIdentity();
    return { url: `/api/v1/customers/${customerId}/identities/${identityId}` };
  } },
  { route: 'POST /api/v1/customers/:id/merge', needs: 'customers:write', ok: 200, request: async (fx) => ({ url: `/api/v1/customers/${await fx.freshCustomerId()}/merge`, body: { source_id: await fx.freshCustomerId() } }) },
  { route: 'GET /api/v1/groups', needs: 'groups:read', ok: 200, request: () => ({ url: '/api/v1/groups' }) },
  { route: 'POST /api/v1/groups', needs: 'groups:write', ok: 201, request: (fx) => ({ url: '/api/v1/groups', body: { name: `G ${fx.unique()}` } }) },
  { route: 'GET /api/v1/groups/:id', needs: 'groups:read', ok: 200, request: async (fx) => ({ url: `/api/v1/groups/${await fx.groupId()}` }) },
  { route: 'PATCH /api/v1/groups/:id', needs: 'groups:write', ok: 200, request: async (fx) => ({ url: `/api/v1/groups/${await fx.groupId()}`, body: { name: `G ${fx.unique()}` } }) },
  { route: 'DELETE /api/v1/groups/:id', needs: 'groups:write', ok: [200, 204], request: async (fx) => ({ url: `/api/v1/groups/${await fx.groupId()}` }) },
  { route: 'GET /api/v1/groups/:id/members', needs: 'groups:read', ok: 200, request: async (fx) => ({ url: `/api/v1/groups/${await fx.groupId()}/members` }) },
  { route: 'PUT /api/v1/groups/:id/members', needs: 'groups:write', ok: 200, request: async (fx) => ({ url: `/api/v1/groups/${await fx.groupId()}/members`, body: { user_ids: [] } }) },
  { route: 'GET /api/v1/organizations', needs: 'organizations:read', ok: 200, request: () => ({ url: '/api/v1/organizations' }) },
  { route: 'POST /api/v1/organizations', needs: 'organizations:write', ok: 201, request: (fx) => ({ url: '/api/v1/organizations', body: { name: `O ${fx.unique()}` } }) },
  { route: 'GET /api/v1/organizations/:id', needs: 'organizations:read', ok: 200, request: async (fx) => ({ url: `/api/v1/organizations/${await fx.organizationId()}` }) },
  { route: 'PATCH /api/v1/organizations/:id', needs: 'organizations:write', ok: 200, request: async (fx) => ({ url: `/api/v1/organizations/${await fx.organizationId()}`, body: { notes: 'n' } }) },
  { route: 'DELETE /api/v1/organizations/:id', needs: 'organizations:write', ok: [200, 204], request: async (fx) => ({ url: `/api/v1/organizations/${await fx.organizationId()}` }) },

  // Invitations, portal sign-in links, the logo
  { route: 'POST /api/v1/invitations', needs: 'staff:write', ok: 201, request: (fx) => ({ url: '/api/v1/invitations', body: { name: 'Invitee', email: `${fx.unique()}@example.com`, role: 'agent' } }) },
  { route: 'GET /api/v1/invitations', needs: 'staff:write', ok: 200, request: () => ({ url: '/api/v1/invitations' }) },
  { route: 'POST /api/v1/users/:id/invitation', needs: 'staff:write', ok: 201, request: async (fx) => ({ url: `/api/v1/users/${await fx.invitedAgentId()}/invitation` }) },
  { route: 'POST /api/v1/auth/invitation/check', needs: 'public', ok: 400, request: () => ({ url: '/api/v1/auth/invitation/check', body: { token: 'not-a-real-invitation-token-0000' } }) },
  { route: 'POST /api/v1/auth/invitation/accept', needs: 'public', ok: 400, request: () => ({ url: '/api/v1/auth/invitation/accept', body: { token: 'not-a-real-invitation-token-0000', password: 'a-long-enough-password' } }) },
  { route: 'POST /api/v1/portal/magic-link', needs: 'public', ok: [202, 429], request: (fx) => ({ url: '/api/v1/portal/magic-link', body: { email: `${fx.unique()}@example.com` } }) },
  { route: 'POST /api/v1/portal/magic-link/consume', needs: 'public', ok: 400, request: () => ({ url: '/api/v1/portal/magic-link/consume', body: { token: 'not-a-real-sign-in-link-token-000' } }) },
  { route: 'GET /api/v1/portal/tenant', needs: 'public', ok: [200, 404], request: () => ({ url: '/api/v1/portal/tenant' }) },
  { route: 'DELETE /api/v1/tenant/logo', needs: 'tenant:write', ok: 200, request: () => ({ url: '/api/v1/tenant/logo' }) },
  { route: 'GET /api/v1/tenants/:id/logo', needs: 'public', ok: [200, 404], request: () => ({ url: '/api/v1/tenants/1/logo' }) },

  // Tickets
  { route: 'GET /api/v1/tickets', needs: 'tickets:read', ok: 200, request: () => ({ url: '/api/v1/tickets' }) },
  // Search
  { route: 'GET /api/v1/search', label: 'tickets', needs: 'tickets:read', ok: 200, request: () => ({ url: '/api/v1/search?q=%E7%89%A9%E6%B5%81%20status%3Csolved' }) },
  { route: 'GET /api/v1/search', label: 'users', needs: 'users:read', ok: 200, request: () => ({ url: '/api/v1/search?q=wang&type=user' }) },
  { route: 'GET /api/v1/search', label: 'organizations', needs: 'organizations:read', ok: 200, request: () => ({ url: '/api/v1/search?q=acme&type=organization' }) },
  { route: 'POST /api/v1/tickets', needs: 'tickets:create', ok: 201, request: () => ({ url: '/api/v1/tickets', body: { subject: 'Help', comment: { body: 'Please', public: true } } }) },
  { route: 'GET /api/v1/tickets/:id', needs: 'tickets:read', ok: 200, request: async (fx) => ({ url: `/api/v1/tickets/${(await fx.customerTicket()).id}` }) },
  { route: 'PATCH /api/v1/tickets/:id', needs: 'tickets:update', ok: 200, request: async (fx) => { const t = await fx.customerTicket(); return { url: `/api/v1/tickets/${t.id}`, body: { priority: 'high' }, headers: { 'if-match': String(t.version) } }; } },
  { route: 'GET /api/v1/tickets/:id/messages', needs: 'tickets:read', ok: 200, request: async (fx) => ({ url: `/api/v1/tickets/${(await fx.customerTicket()).id}/messages` }) },
  { route: 'POST /api/v1/tickets/:id/messages', label: 'public reply', needs: 'tickets:reply', ok: 201, request: async (fx) => ({ url: `/api/v1/tickets/${(await fx.customerTicket()).id}/messages`, body: { body: 'reply', public: true } }) },
  { route: 'POST /api/v1/tickets/:id/messages', label: 'internal note', needs: 'tickets:note', ok: 201, request: async (fx) => ({ url: `/api/v1/tickets/${(await fx.customerTicket()).id}/messages`, body: { body: 'note', public: false } }) },
  { route: 'GET /api/v1/tickets/:id/events', needs: 'tickets:events', ok: 200, request: async (fx) => ({ url: `/api/v1/tickets/${(await fx.customerTicket()).id}/events` }) },
  { route: 'GET /api/v1/attachments/:id', needs: 'tickets:read', ok: 200, request: (fx) => ({ url: `/api/v1/attachments/${fx.attachmentId}` }) },

  // Ticket configuration
  ...(['ticket-statuses', 'categories', 'custom-fields', 'ticket-forms'] as const).flatMap((resource): RouteCase[] => {
    const fresh = (fx: Fixtures) =>
      resource === 'ticket-statuses' ? fx.statusId() : resource === 'categories' ? fx.categoryId() : resource === 'custom-fields' ? fx.customFieldId() : fx.formId();
    const createBody = (fx: Fixtures) =>
      resource === 'ticket-statuses' ? { name: `S ${fx.unique()}`, category: 'open' }
        : resource === 'categories' ? { name: `C ${fx.unique()}` }
          : resource === 'custom-fields' ? { key: `f_${fx.unique()}`, title: 'F', type: 'text' }
            : { name: `F ${fx.unique()}` };
    const patchBody = (fx: Fixtures) => (resource === 'custom-fields' ? { title: 'Renamed' } : { name: `Renamed ${fx.unique()}` });
    return [
      { route: `GET /api/v1/${resource}`, needs: 'settings:read', ok: 200, request: () => ({ url: `/api/v1/${resource}` }) },
      { route: `POST /api/v1/${resource}`, needs: 'settings:write', ok: 201, request: (fx) => ({ url: `/api/v1/${resource}`, body: createBody(fx) }) },
      { route: `PATCH /api/v1/${resource}/:id`, needs: 'settings:write', ok: 200, request: async (fx) => ({ url: `/api/v1/${resource}/${await fresh(fx)}`, body: patchBody(fx) }) },
      { route: `DELETE /api/v1/${resource}/:id`, needs: 'settings:write', ok: [200, 204], request: async (fx) => ({ url: `/api/v1/${resource}/${await fresh(fx)}` }) },
    ];
  }),
  { route: 'GET /api/v1/tags', needs: 'tags:read', ok: 200, request: () => ({ url: '/api/v1/tags' }) },
  { route: 'POST /api/v1/tags', needs: 'tags:write', ok: [200, 201], request: (fx) => ({ url: '/api/v1/tags', body: { name: `tag-${fx.unique()}` } }) },
  { route: 'DELETE /api/v1/tags/:name', needs: 'tags:write', ok: [200, 204], request: async (fx) => ({ url: `/api/v1/tags/${await fx.tag()}` }) },

  // Views
  // Email
  { route: 'GET /api/v1/mailboxes', needs: 'mailboxes:read', ok: 200, request: () => ({ url: '/api/v1/mailboxes' }) },
  { route: 'POST /api/v1/mailboxes', needs: 'mailboxes:write', ok: 201, request: (fx) => ({ url: '/api/v1/mailboxes', body: { address: `${fx.unique()}@support.example.com`, name: 'Support' } }) },
  { route: 'GET /api/v1/mailboxes/:id', needs: 'mailboxes:read', ok: 200, request: async (fx) => ({ url: `/api/v1/mailboxes/${await fx.mailboxId()}` }) },
  { route: 'PATCH /api/v1/mailboxes/:id', needs: 'mailboxes:write', ok: 200, request: async (fx) => ({ url: `/api/v1/mailboxes/${await fx.mailboxId()}`, body: { name: 'Renamed', signature_zh: '客服部' } }) },
  { route: 'DELETE /api/v1/mailboxes/:id', needs: 'mailboxes:write', ok: 204, request: async (fx) => ({ url: `/api/v1/mailboxes/${await fx.mailboxId()}` }) },
  { route: 'POST /api/v1/mailboxes/:id/test', needs: 'mailboxes:write', ok: 200, request: async (fx) => ({ url: `/api/v1/mailboxes/${await fx.mailboxId()}/test`, body: { target: 'imap' } }) },
  { route: 'GET /api/v1/inbound-emails', needs: 'email:quarantine', ok: 200, request: () => ({ url: '/api/v1/inbound-emails?status=quarantined' }) },
  { route: 'GET /api/v1/inbound-emails/:id', needs: 'email:quarantine', ok: 200, request: async (fx) => ({ url: `/api/v1/inbound-emails/${await fx.inboundEmailId()}` }) },
  { route: 'GET /api/v1/inbound-emails/:id/raw', needs: 'email:quarantine', ok: 200, request: async (fx) => ({ url: `/api/v1/inbound-emails/${await fx.inboundEmailId()}/raw` }) },
  { route: 'POST /api/v1/inbound-emails/:id/retry', needs: 'email:quarantine', ok: 200, request: async (fx) => ({ url: `/api/v1/inbound-emails/${await fx.inboundEmailId()}/retry` }) },
  { route: 'POST /api/v1/inbound-emails/:id/create-ticket', needs: 'email:quarantine', ok: 200, request: async (fx) => ({ url: `/api/v1/inbound-emails/${await fx.inboundEmailId()}/create-ticket` }) },

  { route: 'GET /api/v1/views', needs: { roles: staff }, ok: 200, request: () => ({ url: '/api/v1/views' }) },
  { route: 'POST /api/v1/views', label: 'personal', needs: { roles: staff }, ok: 201, request: (fx) => ({ url: '/api/v1/views', body: { title: `V ${fx.unique()}`, conditions: { all: [{ field: 'assignee_id', operator: 'is', value: 'me' }] } } }) },
  { route: 'POST /api/v1/views', label: 'shared', needs: 'settings:write', ok: 201, request: (fx) => ({ url: '/api/v1/views', body: { title: `V ${fx.unique()}`, scope: 'shared', conditions: { all: [] } } }) },
  { route: 'GET /api/v1/views/counts', needs: { roles: staff }, ok: 200, request: () => ({ url: '/api/v1/views/counts' }) },
  { route: 'GET /api/v1/views/:id', needs: { roles: staff }, ok: 200, request: async (fx) => ({ url: `/api/v1/views/${await fx.viewId()}` }) },
  { route: 'PATCH /api/v1/views/:id', label: 'shared', needs: 'settings:write', ok: 200, request: async (fx) => ({ url: `/api/v1/views/${await fx.viewId()}`, body: { title: `Renamed ${fx.unique()}` } }) },
  { route: 'DELETE /api/v1/views/:id', label: 'shared', needs: 'settings:write', ok: 204, request: async (fx) => ({ url: `/api/v1/views/${await fx.viewId()}` }) },
  { route: 'GET /api/v1/views/:id/tickets', needs: { roles: staff }, ok: 200, request: async (fx) => ({ url: `/api/v1/views/${await fx.viewId()}/tickets` }) },
];

/** Routes tested elsewhere, by their own protocol: multipart upload, WebSocket upgrade. */
export const routesTestedElsewhere = ['POST /api/v1/attachments', 'GET /api/v1/stream', 'PUT /api/v1/tenant/logo'];
