import { createHash } from 'node:crypto';
import type pg from 'pg';

/** Named statements one connection keeps at most; past it, new texts run unnamed (parsed each time). */
const MAX_PER_CONNECTION = 2000;

/**
 * Full-text and trigram matches: the best plan depends on the words (a common one or a rare one),
 * which a generic plan cannot know, so these are planned afresh each time.
 */
const VALUE_DEPENDENT = /@@|\bsimilarity\(|\s%\s/;

const statementName = (text: string) => `sb_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;

/**
 * Makes every parameterised query of the pool's connections a named prepared statement: parsed
 * once per connection, and after a few runs planned once (PostgreSQL's plan cache keeps a generic
 * plan when it is no worse than the custom ones). Planning was as costly as executing on the write
 * path (row-level security policies are expanded at every plan). Queries without parameters keep
 * the simple protocol, which is what lets them hold several statements.
 */
export function prepareStatementsOf(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const names = new Set<string>();
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (config: unknown, values?: unknown, callback?: unknown) => {
      if (typeof config !== 'string' || !Array.isArray(values) || values.length === 0 || VALUE_DEPENDENT.test(config)) {
        return query(config, values, callback);
      }
      const name = statementName(config);
      if (!names.has(name)) {
        if (names.size >= MAX_PER_CONNECTION) return query(config, values, callback);
        names.add(name);
      }
      return query({ name, text: config, values }, callback);
    };
  });
}
