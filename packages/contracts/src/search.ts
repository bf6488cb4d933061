/**
 * Search API: GET /api/v1/search?q=&type=ticket|user|organization&cursor=&limit=.
 * `q` is the query language of the server's search module (free words, "phrases", -exclusions,
 * field:value filters for tickets). A malformed query answers 400 SEARCH_QUERY_INVALID with
 * `errors: [{path: 'q', message, position}]`, position being the character offset of the fault.
 * Snippets are HTML: the text escaped, with the matched words in <mark>…</mark>.
 */
import { z } from 'zod';
import { IdString } from './tickets.ts';

export const SEARCH_TYPES = ['ticket', 'user', 'organization'] as const;

export const SearchQuery = z.object({
  q: z.string().max(500).describe('The query, for example `物流延迟 status<solved tag:vip -tag:spam`'),
  type: z.enum(SEARCH_TYPES).default('ticket'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

const hitBase = {
  id: IdString,
  /** Relevance (ts_rank_cd with weights subject > tags > requester > messages); null for filter-only queries. */
  rank: z.number().nullable(),
  /** The title (subject or name) with the matched words marked; HTML. */
  title_html: z.string(),
  /** A short passage around the best match; HTML, may be empty. */
  snippet_html: z.string(),
};

export const TicketSearchHit = z.object({
  type: z.literal('ticket'),
  ...hitBase,
  number: z.string(),
  subject: z.string(),
  status_category: z.string(),
  priority: z.string(),
  requester_id: IdString,
  assignee_id: IdString.nullable(),
  group_id: IdString.nullable(),
  tags: z.array(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
});

export const UserSearchHit = z.object({
  type: z.literal('user'),
  ...hitBase,
  name: z.string(),
  email: z.string().nullable(),
  role: z.string(),
  organization_id: IdString.nullable(),
});

export const OrganizationSearchHit = z.object({
  type: z.literal('organization'),
  ...hitBase,
  name: z.string(),
  domains: z.array(z.string()),
});

export const SearchHit = z.discriminatedUnion('type', [TicketSearchHit, UserSearchHit, OrganizationSearchHit]);
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchPage = z.object({
  data: z.array(SearchHit),
  next_cursor: z.string().nullable(),
  /** True when the text matched more documents than are ranked (the most recent ones are). */
  capped: z.boolean(),
});
export type SearchPage = z.infer<typeof SearchPage>;
