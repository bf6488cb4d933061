// The benchmark's table: each figure next to its target, PASS or MISS.
import type { Latency } from './measure.ts';
import type { CreationResult, NamedLatency } from './scenarios.ts';

export const TARGETS = {
  viewFirstPageP95Ms: 50,
  countsP95Ms: 20,
  ticketPageP95Ms: 50,
  searchP95Ms: 150,
  creationRatio: 0.3,
  rssMb: 400,
} as const;

export interface BenchResult {
  at: string;
  machine: { cpus: number; loadAverage: number[]; node: string };
  tickets: number;
  seed: { reused: boolean; seconds: number | null; phases?: Record<string, number>; messages?: number; events?: number };
  views: { source: string; results: NamedLatency[] };
  counts: NamedLatency[] | null;
  ticketPage: NamedLatency;
  search: NamedLatency[] | null;
  creation: CreationResult;
  memory: { rssMb: number; peakMb: number };
  verdicts: Array<{ figure: string; value: number | null; target: string; pass: boolean | null }>;
}

export function verdicts(result: Omit<BenchResult, 'verdicts'>): BenchResult['verdicts'] {
  const latencyVerdict = (figure: string, latency: Latency, target: number) => ({
    figure: `${figure} p95`,
    value: latency.p95,
    target: `< ${target} ms`,
    pass: latency.p95 < target,
  });
  const list: BenchResult['verdicts'] = [];
  for (const view of result.views.results) list.push(latencyVerdict(view.name, view.latency, TARGETS.viewFirstPageP95Ms));
  if (result.counts) for (const count of result.counts) list.push(latencyVerdict(count.name, count.latency, TARGETS.countsP95Ms));
  else list.push({ figure: 'view counts p95', value: null, target: `< ${TARGETS.countsP95Ms} ms`, pass: null });
  list.push(latencyVerdict(result.ticketPage.name, result.ticketPage.latency, TARGETS.ticketPageP95Ms));
  if (result.search) for (const search of result.search) list.push(latencyVerdict(search.name, search.latency, TARGETS.searchP95Ms));
  else list.push({ figure: 'search p95', value: null, target: `< ${TARGETS.searchP95Ms} ms`, pass: null });
  list.push({
    figure: 'API creation / raw insert rate',
    value: result.creation.ratio,
    target: `>= ${TARGETS.creationRatio}`,
    pass: result.creation.ratio >= TARGETS.creationRatio,
  });
  list.push({ figure: 'server RSS after the run (MB)', value: result.memory.rssMb, target: `< ${TARGETS.rssMb} MB`, pass: result.memory.rssMb < TARGETS.rssMb });
  return list;
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - [...text].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)));
const ms = (value: number) => value.toFixed(1);
const verdict = (pass: boolean | null) => (pass === null ? 'n/a' : pass ? 'PASS' : 'MISS');

export function formatReport(result: BenchResult): string {
  const lines: string[] = [];
  const seed = result.seed.reused
    ? `reused (seeded earlier in ${result.seed.seconds ?? '?'} s)`
    : `seeded in ${result.seed.seconds} s (${Object.entries(result.seed.phases ?? {}).map(([k, v]) => `${k} ${v} s`).join(', ')})`;
  lines.push(`Switchboard benchmark, ${result.tickets.toLocaleString('en-US')} tickets, ${result.at}`);
  lines.push(`machine: ${result.machine.cpus} cores, load ${result.machine.loadAverage.map((l) => l.toFixed(2)).join(' ')} at start, node ${result.machine.node}; data ${seed}`);
  lines.push(`views measured through: ${result.views.source}`);
  lines.push('');
  const width = 52;
  lines.push(`${pad('figure', width)}${pad('p50 ms', 9)}${pad('p95 ms', 9)}${pad('p99 ms', 9)}${pad('target', 12)}result  note`);
  lines.push('-'.repeat(width + 60));
  const row = (item: NamedLatency, target: number) =>
    lines.push(
      `${pad(item.name, width)}${pad(ms(item.latency.p50), 9)}${pad(ms(item.latency.p95), 9)}${pad(ms(item.latency.p99), 9)}` +
        `${pad(`p95 < ${target}`, 12)}${pad(verdict(item.latency.p95 < target), 8)}${item.note ?? ''}`,
    );
  for (const view of result.views.results) row(view, TARGETS.viewFirstPageP95Ms);
  if (result.counts) for (const count of result.counts) row(count, TARGETS.countsP95Ms);
  else lines.push(`${pad('view counts', width)}${pad('-', 27)}${pad(`p95 < ${TARGETS.countsP95Ms}`, 12)}n/a     no /views/counts route yet`);
  row(result.ticketPage, TARGETS.ticketPageP95Ms);
  if (result.search) for (const search of result.search) row(search, TARGETS.searchP95Ms);
  else lines.push(`${pad('search', width)}${pad('-', 27)}${pad(`p95 < ${TARGETS.searchP95Ms}`, 12)}n/a     no /search route yet`);
  lines.push('');
  const { api, raw, ratio } = result.creation;
  lines.push(
    `ticket creation, ${api.clients} concurrent clients: API ${api.perSecond} tickets/s (p95 ${ms(api.latency.p95)} ms, ${api.errors} errors), ` +
      `raw INSERT ${raw.perSecond} tickets/s (p95 ${ms(raw.latency.p95)} ms)`,
  );
  lines.push(
    `  reactions (search index, counts, analytics...) caught up ${result.creation.drainSeconds === null ? 'not within 300 s' : `${result.creation.drainSeconds} s`} after the API burst`,
  );
  lines.push(`  ratio ${ratio.toFixed(3)}   target >= ${TARGETS.creationRatio}   ${verdict(ratio >= TARGETS.creationRatio)}`);
  lines.push(
    `server RSS after the run: ${result.memory.rssMb} MB (peak ${result.memory.peakMb} MB)   target < ${TARGETS.rssMb} MB   ${verdict(result.memory.rssMb < TARGETS.rssMb)}`,
  );
  const missed = result.verdicts.filter((v) => v.pass === false);
  lines.push('');
  lines.push(missed.length === 0 ? 'All measured targets met.' : `Missed: ${missed.map((v) => `${v.figure} = ${v.value} (target ${v.target})`).join('; ')}`);
  return lines.join('\n');
}
