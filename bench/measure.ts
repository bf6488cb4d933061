// Timing helpers for the benchmark: latency samples with warm-up and percentiles, an HTTP
// client bound to a token, and closed-loop throughput with N concurrent clients.
import fs from 'node:fs';

export interface Latency {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentiles(durations: number[]): Latency {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return { samples: sorted.length, p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(sorted.at(-1) ?? 0) };
}

/** Runs `once(i)` `warmup` times unmeasured, then `samples` times one after another; ms per call. */
export async function sampleLatency(once: (i: number) => Promise<unknown>, options: { samples: number; warmup: number }): Promise<Latency> {
  for (let i = 0; i < options.warmup; i++) await once(i);
  const durations: number[] = [];
  for (let i = 0; i < options.samples; i++) {
    const started = performance.now();
    await once(options.warmup + i);
    durations.push(performance.now() - started);
  }
  return percentiles(durations);
}

export interface Throughput {
  clients: number;
  operations: number;
  seconds: number;
  perSecond: number;
  latency: Latency;
  errors: number;
}

/** `clients` loops calling `once` until `seconds` have passed; operations per second over all of them. */
export async function closedLoop(
  clients: number,
  seconds: number,
  once: (client: number, i: number) => Promise<void>,
): Promise<Throughput> {
  const durations: number[] = [];
  let errors = 0;
  let firstError: unknown;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const at = performance.now();
        try {
          await once(client, i);
          durations.push(performance.now() - at);
        } catch (error) {
          errors++;
          firstError ??= error;
          if (errors > 20 && errors > durations.length) throw firstError;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    clients,
    operations: durations.length,
    seconds: Math.round(elapsed * 100) / 100,
    perSecond: Math.round((durations.length / elapsed) * 10) / 10,
    latency: percentiles(durations),
    errors,
  };
}

export class HttpError extends Error {
  status: number;
  constructor(method: string, url: string, status: number, body: string) {
    super(`${method} ${url} answered ${status}: ${body.slice(0, 300)}`);
    this.status = status;
  }
}

/** A JSON client for one API token; every answer outside 2xx throws (the figure would be wrong). */
export function apiClient(baseUrl: string, token: string) {
  const call = async <T = any>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new HttpError(method, path, response.status, text);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    get: <T = any>(path: string) => call<T>('GET', path),
    post: <T = any>(path: string, body: unknown) => call<T>('POST', path, body),
    /** Whether the route exists (anything but 404 / 405 on a GET). */
    exists: async (path: string) => {
      const response = await fetch(`${baseUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      return response.status !== 404 && response.status !== 405;
    },
  };
}
export type ApiClient = ReturnType<typeof apiClient>;

/** CPU seconds (user + system, with reaped children) a process and its live children have used. */
export function cpuSecondsOfTree(rootPid: number): number {
  const ticksPerSecond = 100;
  const read = (pid: string) => {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command (which may hold spaces): state is field 3, ppid 4, utime 14 ... cstime 17.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]) };
    } catch {
      return null;
    }
  };
  let ticks = read(String(rootPid))?.ticks ?? 0;
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const entry = read(pid);
    if (entry?.ppid === rootPid) ticks += entry.ticks;
  }
  return ticks / ticksPerSecond;
}
