// A real SMTP server on a free local port that keeps what it receives, for tests that follow an
// emailed link. Decodes the text/plain part (quoted-printable or base64) of simple messages.
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  subject: string;
  text: string;
}

function decodeWords(value: string): string {
  // RFC 2047 encoded words (=?UTF-8?B?...?= / =?UTF-8?Q?...?=), as nodemailer writes non-ASCII subjects.
  return value.replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=\s*/g, (_all, _charset: string, kind: string, data: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
  );
}

function decodeBody(body: string, encoding: string): string {
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

function headerOf(block: string, name: string): string {
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  const match = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(unfolded);
  return match ? match[1]!.trim() : '';
}

/** The text/plain part of a message (single-part or multipart/alternative). */
export function plainText(raw: string): string {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\r\n\r\n');
  const type = headerOf(head!, 'Content-Type');
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!boundary) return decodeBody(body, headerOf(head!, 'Content-Transfer-Encoding'));
  for (const part of body.split(`--${boundary}`)) {
    const [partHead, ...partRest] = part.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
    if (/text\/plain/i.test(headerOf(partHead ?? '', 'Content-Type'))) {
      return decodeBody(partRest.join('\r\n\r\n'), headerOf(partHead!, 'Content-Transfer-Encoding'));
    }
  }
  return '';
}

export interface MailSink {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Waits for a mail to this address (polling the received list) and returns it. */
  waitFor: (to: string, options?: { after?: number; timeoutMs?: number }) => Promise<ReceivedMail>;
  close: () => Promise<void>;
}

export async function startMailSink(): Promise<MailSink> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('latin1');
        const head = raw.split(/\r?\n\r?\n/)[0]!;
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          raw,
          subject: decodeWords(headerOf(head, 'Subject')),
          text: plainText(raw),
        });
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port));
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    async waitFor(to, options = {}) {
      const deadline = Date.now() + (options.timeoutMs ?? 30_000);
      const after = options.after ?? 0;
      while (Date.now() < deadline) {
        const mail = received.slice(after).find((m) => m.to.includes(to.toLowerCase()));
        if (mail) return mail;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`no mail to ${to} arrived; received: ${received.map((m) => m.to.join(',')).join(' | ') || 'none'}`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a mail's text that goes to `path` (e.g. /accept-invite). */
export function linkIn(mail: ReceivedMail, path: string): string {
  const match = new RegExp(`https?://\\S+${path.replace(/[/?]/g, '\\$&')}\\?token=[A-Za-z0-9_%-]+`).exec(mail.text);
  if (!match) throw new Error(`no ${path} link in:\n${mail.text}`);
  return match[0];
}
