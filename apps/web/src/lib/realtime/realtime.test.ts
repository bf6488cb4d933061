import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reconnectDelay } from './backoff';
import { parseNotice, parseStreamMessage } from './notice';
import { openStream, streamUrl, type StreamStatus } from './stream';

describe('stream frames', () => {
  it('reads a notice', () => {
    expect(parseNotice('{"type":"ticket.updated","id":"12","version":4}')).toEqual({ type: 'ticket.updated', id: '12', version: 4 });
    expect(parseNotice('{"type":"message.created","id":7,"ticket_id":"12"}')).toEqual({ type: 'message.created', id: '7', ticketId: '12' });
  });

  it('ignores what is not a notice', () => {
    for (const frame of ['', 'not json', 'null', '[]', '{"type":"ticket.updated"}', '{"id":"1"}', '{"type":"","id":"1"}']) {
      expect(parseNotice(frame)).toBeNull();
    }
    expect(parseNotice(new ArrayBuffer(4))).toBeNull();
  });

  it('knows the server’s own messages about the stream', () => {
    expect(parseStreamMessage('{"type":"stream.ready"}')).toEqual({ kind: 'ready' });
    expect(parseStreamMessage('{"type":"stream.resync"}')).toEqual({ kind: 'resync' });
    expect(parseStreamMessage('{"type":"ticket.created","id":"3","version":1}')).toEqual({
      kind: 'notice',
      notice: { type: 'ticket.created', id: '3', version: 1 },
    });
    expect(parseStreamMessage('{"type":"presence.typing"}')).toBeNull();
  });

  it('connects to the same origin, ws or wss like the page', () => {
    expect(streamUrl({ protocol: 'http:', host: 'localhost:3000' })).toBe('ws://localhost:3000/api/v1/stream');
    expect(streamUrl({ protocol: 'https:', host: 'desk.example.com' })).toBe('wss://desk.example.com/api/v1/stream');
  });
});

describe('reconnect back-off', () => {
  it('doubles from one second up to thirty, with jitter in the upper half', () => {
    const low = (attempt: number) => reconnectDelay(attempt, { random: () => 0 });
    const high = (attempt: number) => reconnectDelay(attempt, { random: () => 0.999999 });
    expect([0, 1, 2, 3, 4, 5, 6, 50].map(low)).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000, 15000]);
    expect([0, 1, 2, 5, 50].map(high)).toEqual([1000, 2000, 4000, 30000, 30000]);
  });
});

/** A WebSocket stand-in the test drives by hand. */
class FakeSocket {
  static made: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  closed = false;
  readonly url: string;
  constructor(url: string) {
    this.url = url;
    FakeSocket.made.push(this);
  }
  close() {
    this.closed = true;
  }
}

describe('the notice stream', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.made = [];
  });
  afterEach(() => vi.useRealTimers());

  function start() {
    const notices: unknown[] = [];
    const statuses: StreamStatus[] = [];
    let resyncs = 0;
    const stop = openStream({
      url: 'ws://x/api/v1/stream',
      createSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
      onNotice: (notice) => notices.push(notice),
      onStatus: (status) => statuses.push(status),
      onResync: () => (resyncs += 1),
    });
    return { notices, statuses, resyncs: () => resyncs, stop };
  }

  it('delivers notices and reconnects with back-off after the connection drops', () => {
    const stream = start();
    expect(FakeSocket.made).toHaveLength(1);
    FakeSocket.made[0].onopen!();
    FakeSocket.made[0].onmessage!({ data: '{"type":"ticket.updated","id":"5","version":2}' });
    FakeSocket.made[0].onmessage!({ data: 'garbage' });
    expect(stream.notices).toEqual([{ type: 'ticket.updated', id: '5', version: 2 }]);

    FakeSocket.made[0].onclose!();
    expect(stream.statuses.at(-1)).toBe('reconnecting');
    vi.advanceTimersByTime(999);
    // The first retry comes within a second.
    vi.advanceTimersByTime(1);
    expect(FakeSocket.made).toHaveLength(2);
    expect(stream.resyncs()).toBe(0);
    FakeSocket.made[1].onopen!();
    // Notices may have been missed while it was down.
    expect(stream.resyncs()).toBe(1);
    expect(stream.statuses).toEqual(['connecting', 'live', 'reconnecting', 'reconnecting', 'live']);
    stream.stop();
  });

  it('waits longer after each failed attempt', () => {
    const stream = start();
    FakeSocket.made[0].onclose!();
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.made).toHaveLength(2);
    FakeSocket.made[1].onclose!();
    vi.advanceTimersByTime(999);
    expect(FakeSocket.made).toHaveLength(2);
    vi.advanceTimersByTime(1001);
    expect(FakeSocket.made).toHaveLength(3);
    stream.stop();
  });

  it('passes on the server’s resync', () => {
    const stream = start();
    FakeSocket.made[0].onopen!();
    FakeSocket.made[0].onmessage!({ data: '{"type":"stream.resync"}' });
    expect(stream.resyncs()).toBe(1);
    stream.stop();
  });

  it('stops for good when closed', () => {
    const stream = start();
    FakeSocket.made[0].onopen!();
    stream.stop();
    expect(FakeSocket.made[0].closed).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.made).toHaveLength(1);
  });
});
