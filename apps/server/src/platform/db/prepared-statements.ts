import { createHash } from 'node:crypto';
import type pg from 'pg';

/** Named statements one connection keeps at most; past it, new texts run unnamed (parsed each time). */
const MAX_PER_CONNECTION = 2000;

/**
 * Put in a statement's text to have it planned afresh each time, for a lookup whose right index
 * the planner can only tell once the table holds rows. A generic plan made in a fresh install's
 * first seconds, while the table looked empty and before autoanalyze, takes any index that starts
 * with tenant_id and keeps it: a Message-ID lookup read every row of the tenant per call (2,400
 * rows on average in a 3,000-mail burst, the costliest statement of it). Planning a short lookup
 * costs far less than that.
 */
export const PLANNED_EACH_TIME = '/* planned each time */';

/**
 * Full-text and trigram matches: the best plan depends on the words (a common one or a rare one),
 * which a generic plan cannot know, so these are planned afresh each time; and statements marked
 * PLANNED_EACH_TIME.
 */
const VALUE_DEPENDENT = /@@|\bsimilarity\(|\s%\s|\/\* planned each time \*\//;

/** Each text's statement name, or null for a text planned every time (shared by all connections, bounded). */
const names = new Map<string, string | null>();

function statementName(text: string): string | null {
  let name = names.get(text);
  if (name === undefined) {
    name = VALUE_DEPENDENT.test(text) ? null : `sb_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
    if (names.size < MAX_PER_CONNECTION * 4) names.set(text, name);
  }
  return name;
}

/**
 * Makes every parameterised query of the pool's connections a named prepared statement: parsed
 * once per connection, and after a few runs planned once (PostgreSQL's plan cache keeps a generic
 * plan when it is no worse than the custom ones). Planning was as costly as executing on the write
 * path (row-level security policies are expanded at every plan). Queries without parameters keep
 * the simple protocol, which is what lets them hold several statements.
 */
export function prepareStatementsOf(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const prepared = new Set<string>();
    /** Statements whose result type a migration changed (another node's, mid-deploy): named anew. */
    const renamed = new Map<string, string>();
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (config: unknown, values?: unknown, callback?: unknown) => {
      const base = typeof config === 'string' && Array.isArray(values) && values.length > 0 ? statementName(config) : null;
      if (base === null) return query(config, values, callback);
      const name = renamed.get(base) ?? base;
      if (!prepared.has(name)) {
        if (prepared.size >= MAX_PER_CONNECTION) return query(config, values, callback);
        prepared.add(name);
      }
      const noteRenamed = (error: { code?: string; message?: string } | null | undefined) => {
        if (error?.code === '0A000' && /cached plan must not change result type/.test(error.message ?? '')) {
          renamed.set(base, `${base}_${renamed.size + 1}`);
        }
      };
      // pg.Pool#query (pg-boss's claims and completions) calls with a callback.
      if (typeof callback === 'function') {
        return query({ name, text: config, values }, (error: { code?: string; message?: string } | null, result: unknown) => {
          noteRenamed(error);
          (callback as (error: unknown, result: unknown) => void)(error, result);
        });
      }
      return (query({ name, text: config, values }) as Promise<unknown>).catch((error: { code?: string; message?: string }) => {
        noteRenamed(error);
        throw error;
      });
    };
  });
}
