// A lean SMTP client for the email benchmark: one connection sending many messages the way a
// relaying MTA does (Postfix: PIPELINING, RFC 2920), with each message's DATA encoded before the
// clock starts. The benchmark runs on the same two cores as the server; nodemailer spent 1.0-1.9 ms
// of CPU per message there, which the server's figures then lost.
import net from 'node:net';

/** The DATA section of `raw`: CRLF line ends, leading dots doubled, ended by "<CRLF>.<CRLF>". */
export function encodeData(raw: Buffer): Buffer {
  const text = raw.toString('latin1').replace(/\r?\n/g, '\r\n');
  const stuffed = text.replace(/^\./gm, '..');
  return Buffer.from(`${stuffed}${stuffed.endsWith('\r\n') ? '' : '\r\n'}.\r\n`, 'latin1');
}

export interface PipeliningConnection {
  /** Sends one message; resolves on the server's final 250, rejects with any other reply. */
  send: (from: string, to: string, data: Buffer) => Promise<void>;
  close: () => Promise<void>;
}

/** Opens a connection and greets the server (EHLO); PIPELINING must be on offer. */
export async function connectPipelining(host: string, port: number): Promise<PipeliningConnection> {
  const socket = net.connect({ host, port });
  socket.setNoDelay(true);
  let buffered = '';
  let current: string[] = [];
  const waiting: Array<{ resolve: (reply: string) => void; reject: (error: Error) => void }> = [];
  const fail = (error: Error) => {
    for (const waiter of waiting.splice(0)) waiter.reject(error);
  };
  socket.on('error', fail);
  socket.on('close', () => fail(new Error('SMTP connection closed')));
  socket.on('data', (chunk) => {
    buffered += chunk.toString('latin1');
    for (let end = buffered.indexOf('\r\n'); end >= 0; end = buffered.indexOf('\r\n')) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      current.push(line);
      // "250-..." continues a multi-line reply; "250 ..." ends it.
      if (line[3] === '-') continue;
      const reply = current.join('\n');
      current = [];
      waiting.shift()?.resolve(reply);
    }
  });
  const reply = () => new Promise<string>((resolve, reject) => waiting.push({ resolve, reject }));
  const expect = async (pending: Promise<string>, code: string) => {
    const text = await pending;
    if (!text.startsWith(code)) throw new Error(`SMTP: expected ${code}, got ${text}`);
    return text;
  };

  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  await expect(reply(), '220');
  const ehlo = reply();
  socket.write('EHLO bench.test\r\n');
  if (!/^250[ -]PIPELINING$/m.test(await expect(ehlo, '250'))) throw new Error('SMTP: the server does not offer PIPELINING');

  return {
    send: async (from, to, data) => {
      // One write for the envelope and DATA; the message itself only after the 354.
      const replies = Promise.all([reply(), reply(), reply()]);
      socket.write(`MAIL FROM:<${from}>\r\nRCPT TO:<${to}>\r\nDATA\r\n`);
      const [mail, rcpt, dataReply] = await replies;
      for (const [text, code] of [[mail, '250'], [rcpt, '250'], [dataReply, '354']] as const) {
        if (!text.startsWith(code)) throw new Error(`SMTP: expected ${code}, got ${text}`);
      }
      const accepted = reply();
      socket.write(data);
      await expect(accepted, '250');
    },
    close: async () => {
      const bye = reply().catch(() => '');
      socket.write('QUIT\r\n');
      await bye;
      socket.destroy();
    },
  };
}
