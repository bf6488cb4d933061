import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Database } from '../../../platform/db/database.ts';
import type { Logger } from '../../../platform/logger/logger.ts';
import { findMailboxRoute, type MailboxRoute } from '../mailboxes.repo.ts';
import { headerBlock } from './raw-headers.ts';
import { storeInbound } from './inbound.repo.ts';
import { createIntakeQueue } from './intake-queue.ts';
import { inboundStoreItem } from './receive.ts';

export interface SmtpListener {
  port: number;
  close: () => Promise<void>;
}

/** A refusal the client sees as an SMTP reply (smtp-server reads responseCode). */
function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/** Whether the mailbox takes mail from this envelope sender (no list: everyone; `<>` always, bounces must arrive). */
export function senderAllowed(route: Pick<MailboxRoute, 'allowed_sender_domains'>, mailFrom: string): boolean {
  if (route.allowed_sender_domains.length === 0 || mailFrom === '') return true;
  const domain = domainOf(mailFrom);
  return route.allowed_sender_domains.some((allowed) => domain === allowed || domain.endsWith(`.${allowed}`));
}

/** Reads the DATA stream, keeping at most `limit` bytes; the rest is drained, not buffered. */
async function readLimited(stream: SMTPServerDataStream, limit: number): Promise<{ raw: Buffer; size: number; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let kept = 0;
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (kept + chunk.length <= limit) {
      chunks.push(chunk);
      kept += chunk.length;
    } else if (kept < limit) {
      chunks.push(chunk.subarray(0, limit - kept));
      kept = limit;
    }
  }
  const truncated = size > limit || stream.sizeExceeded;
  return { raw: Buffer.concat(chunks), size, truncated };
}

/**
 * The built-in SMTP listener: one for every tenant's mailboxes. Recipients are checked at RCPT
 * time (unknown addresses refused with 550), the message is stored raw before 250 is answered,
 * and an oversized message is refused with 552 after its headers went to the quarantine.
 */
export async function startSmtpListener(deps: {
  db: Database;
  logger: Logger;
  port: number;
  host: string;
  /** The largest message the listener reads at all (per-mailbox limits are lower or equal). */
  maxBytes: number;
  hostname?: string;
}): Promise<SmtpListener> {
  const { db, logger } = deps;
  const routesBySession = new WeakMap<SMTPServerSession, MailboxRoute[]>();
  const intake = createIntakeQueue((items) => storeInbound(db.system, items));

  const server = new SMTPServer({
    name: deps.hostname,
    banner: 'Switchboard',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    hideSTARTTLS: true,
    size: deps.maxBytes,
    maxClients: 200,
    socketTimeout: 60_000,
    closeTimeout: 10_000,
    logger: false,

    onRcptTo(address: SMTPServerAddress, session: SMTPServerSession, callback: (error?: Error | null) => void) {
      findMailboxRoute(db.system, address.address)
        .then((route) => {
          if (!route || !route.active || !route.smtp_inbound) return callback(smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`));
          const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          if (!senderAllowed(route, mailFrom)) return callback(smtpError(550, `5.7.1 <${address.address}> does not accept mail from ${domainOf(mailFrom)}`));
          const routes = routesBySession.get(session) ?? [];
          routes.push(route);
          routesBySession.set(session, routes);
          callback();
        })
        .catch((error: unknown) => {
          logger.error({ err: error }, 'smtp: recipient lookup failed');
          callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
        });
    },

    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) {
      const routes = routesBySession.get(session) ?? [];
      routesBySession.delete(session);
      // One stored copy per tenant: two of a tenant's mailboxes on one mail make one ticket.
      const byTenant = new Map<string, MailboxRoute>();
      for (const route of routes) if (!byTenant.has(route.tenant_id)) byTenant.set(route.tenant_id, route);
      const limit = Math.max(...[...byTenant.values()].map((route) => Number(route.max_message_bytes)), 0);
      readLimited(stream, Math.min(limit, deps.maxBytes))
        .then(async ({ raw, size, truncated }) => {
          const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          const envelopeTo = session.envelope.rcptTo.map((rcpt) => rcpt.address);
          let refused = false;
          for (const route of byTenant.values()) {
            const maxBytes = Number(route.max_message_bytes);
            const tooLarge = truncated || size > maxBytes;
            refused ||= tooLarge;
            await intake.store(await inboundStoreItem(route.tenant_id, {
              mailbox_id: route.id,
              source: 'smtp',
              envelope_from: mailFrom,
              envelope_to: envelopeTo,
              size_bytes: size,
              raw: tooLarge ? Buffer.from(headerBlock(raw), 'latin1') : raw,
              truncated: tooLarge,
              maxBytes,
            }));
          }
          if (refused) return callback(smtpError(552, `5.3.4 Message too big (${size} bytes)`));
          callback();
        })
        .catch((error: unknown) => {
          logger.error({ err: error }, 'smtp: storing a message failed');
          callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
        });
    },
  });
  server.on('error', (error) => logger.warn({ err: error }, 'smtp listener error'));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.port, deps.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : deps.port;
  logger.info({ port }, 'smtp listener ready');
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
