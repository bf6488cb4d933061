import { randomBytes } from 'node:crypto';
import type { HttpServer } from '../platform/http/create-http-server.ts';
import type { Logger } from '../platform/logger/logger.ts';
import { createTenantWithOwner, findTenantByNameOrSlug, issueApiToken } from '../modules/identity/index.ts';
import type { AppContext } from './context.ts';
import { tenantProvisioners } from './provisioners.ts';
import { demoData } from './demo-data.ts';

export const DEMO_TENANT = 'Demo 示例公司';
export const DEMO_MAILBOX = 'support@demo.switchboard.test';

/**
 * `npm start -- --demo`: a demo company with agents, groups, customers and tickets in Chinese and
 * English. Built through the public API (with a short-lived admin token), so the demo data has
 * the same history, events and reactions as real data. Runs once; later starts leave it alone.
 */
export async function seedDemo(ctx: AppContext, http: HttpServer, logger: Logger): Promise<void> {
  if (await findTenantByNameOrSlug(ctx.db.system, DEMO_TENANT)) {
    logger.info({ tenant: DEMO_TENANT }, 'demo tenant already exists');
    return;
  }
  const password = `demo-${randomBytes(6).toString('hex')}`;
  const { tenant, owner } = await createTenantWithOwner(
    ctx.db,
    { company: DEMO_TENANT, ownerName: '陈静 Chen Jing', ownerEmail: 'owner@demo.switchboard.test', ownerPassword: password, locale: 'zh-CN', timeZone: 'Asia/Shanghai' },
    { provisioners: tenantProvisioners, via: 'system' },
  );
  const { row: tokenRow, token } = await ctx.db.tenantTx(tenant.id, (trx) =>
    issueApiToken(trx, { kind: 'system', tenantId: tenant.id, userId: owner.id }, { tenantId: tenant.id, userId: owner.id, name: 'demo seed', scope: 'admin' }),
  );
  const api = async <T = any>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> => {
    const response = await http.inject({ method, url: `/api/v1${url}`, payload: body as object, headers: { authorization: `Bearer ${token}`, ...headers } });
    if (response.statusCode >= 300) throw new Error(`demo seed: ${method} ${url} answered ${response.statusCode}: ${response.body}`);
    return (response.body ? response.json() : undefined) as T;
  };

  const data = demoData();
  const groupIds = new Map<string, string>();
  for (const name of data.groups) groupIds.set(name, (await api('POST', '/groups', { name })).id);
  // Mail to this address through the built-in SMTP listener (port 2525) becomes a ticket.
  await api('POST', '/mailboxes', { address: DEMO_MAILBOX, name: 'Demo 客服 Support', default_group_id: groupIds.get(data.groups[0]!) });
  const orgIds = new Map<string, string>();
  for (const org of data.organizations) orgIds.set(org.name, (await api('POST', '/organizations', org)).id);

  const staff = new Map<string, string>();
  for (const agent of data.agents) {
    const created = await api('POST', '/users', {
      name: agent.name, email: agent.email, role: agent.role, password, locale: agent.locale,
      group_ids: agent.groups.map((group) => groupIds.get(group)!),
    });
    staff.set(agent.email, created.id);
  }
  for (const customer of data.customers) {
    await api('POST', '/users', {
      name: customer.name, email: customer.email, role: 'customer', locale: customer.locale,
      vip_level: customer.vip ?? 0, organization_id: customer.organization ? orgIds.get(customer.organization) : null,
    });
  }

  for (const ticket of data.tickets) {
    const created = await api('POST', '/tickets', {
      subject: ticket.subject,
      comment: { body: ticket.body, public: true },
      requester: { email: ticket.requester },
      priority: ticket.priority,
      type: ticket.type,
      group_id: groupIds.get(ticket.group),
      assignee_id: ticket.assignee ? staff.get(ticket.assignee) : undefined,
      tags: ticket.tags,
      via: ticket.via,
    });
    for (const reply of ticket.replies) {
      await api('POST', `/tickets/${created.id}/messages`, { body: reply.body, public: reply.public });
    }
    // A ticket is closed only after it was solved, as in real life.
    const steps = ticket.status === 'closed' ? ['solved', 'closed'] : ticket.status === 'new' || ticket.status === 'open' ? [] : [ticket.status];
    for (const status of steps) {
      const current = await api('GET', `/tickets/${created.id}`);
      await api('PATCH', `/tickets/${created.id}`, { status }, { 'if-match': String(current.version) });
    }
  }
  await api('DELETE', `/api-tokens/${tokenRow.id}`);

  logger.info(
    { tenant: DEMO_TENANT, mailbox: DEMO_MAILBOX, sign_in: ['owner@demo.switchboard.test', ...data.agents.map((agent) => agent.email)], password },
    'demo tenant created: sign in with any of these emails and this password',
  );
}
