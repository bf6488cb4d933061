import WebSocket from 'ws';

export interface StreamClient {
  socket: WebSocket;
  /** Every message received so far, parsed. */
  messages: Array<Record<string, unknown>>;
  /** Resolves with the first message (already received or to come) matching `match`. */
  next: (match: (message: Record<string, unknown>) => boolean, timeoutMs?: number) => Promise<Record<string, unknown>>;
  close: () => Promise<void>;
}

/** Opens `/api/v1/stream` and resolves once the server said `stream.ready`. */
export function openStream(baseUrl: string, headers: Record<string, string> = {}): Promise<StreamClient> {
  const url = `${baseUrl.replace(/^http/, 'ws')}/api/v1/stream`;
  const socket = new WebSocket(url, { headers });
  const messages: Array<Record<string, unknown>> = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    messages.push(JSON.parse(String(data)));
    for (const wake of waiters) wake();
  });

  const next: StreamClient['next'] = (match, timeoutMs = 20_000) =>
    new Promise((resolve, reject) => {
      let seen = 0;
      const check = () => {
        for (; seen < messages.length; seen += 1) {
          if (match(messages[seen])) {
            cleanup();
            resolve(messages[seen]);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(messages)}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });

  const client: StreamClient = {
    socket,
    messages,
    next,
    close: () =>
      new Promise((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close();
      }),
  };

  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (request, response) => {
      const error = Object.assign(new Error(`stream refused: HTTP ${response.statusCode}`), { statusCode: response.statusCode });
      response.resume();
      request.destroy();
      reject(error);
    });
    socket.once('error', reject);
    socket.once('open', () => {
      next((message) => message.type === 'stream.ready').then(() => resolve(client), reject);
    });
  });
}

/** The HTTP status with which the stream upgrade was refused. */
export async function refusedWith(baseUrl: string, headers: Record<string, string> = {}): Promise<number> {
  try {
    const client = await openStream(baseUrl, headers);
    await client.close();
    return 101;
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (status === undefined) throw error;
    return status;
  }
}
