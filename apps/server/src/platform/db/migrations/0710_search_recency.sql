-- Search: recency buckets inside the ticket GIN indexes (issue 3, search p95 on a million tickets).
--
-- Search ranks the newest `cap` tickets matching the text. It looked for them among the newest ids
-- first with `ticket_id > floor`, but GIN cannot apply that range: it returned every match in the
-- table (35k for 物流延迟 on the 1M benchmark tenant) and the heap was read for each one only to
-- drop those below the floor (28k heap pages, ~400 ms).
--
-- search_recency(tenant, ticket) is a second indexed column, a tsvector of bucket tokens: the
-- tenant ('7'), and the ticket's id bucket at several sizes ('7:15:30' is ids 30*2^15 ..
-- 31*2^15-1 of tenant 7). A search ANDs a few tokens to the text ('7:15:30' | '7:15:29': the
-- newest 32k to 64k ids), so GIN intersects the word lists with a short bucket list inside the
-- index and the heap is read only for the matches in the window. The tenant token keeps a search
-- over a whole tenant to that tenant's documents. The tokens live in their own column of the
-- index, so they can never meet the words of a document or of a query.
--
-- The documents themselves do not change: the index computes the tokens from the key, so new
-- documents, the reaction consumers and `search reindex` need nothing new. Not STRICT, so the
-- planner inlines it: a recheck evaluates it in ~2 us instead of ~14 us through a function call.
CREATE FUNCTION search_recency(tenant bigint, ticket bigint) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN array_to_tsvector(ARRAY[
    tenant::text,
    tenant::text || ':12:' || (ticket >> 12)::text, tenant::text || ':15:' || (ticket >> 15)::text,
    tenant::text || ':18:' || (ticket >> 18)::text, tenant::text || ':21:' || (ticket >> 21)::text,
    tenant::text || ':24:' || (ticket >> 24)::text, tenant::text || ':27:' || (ticket >> 27)::text]);

-- Building both indexes on a million documents takes about a minute and a half.
SET LOCAL maintenance_work_mem = '256MB';

-- New documents wait in each index's pending list until it is merged into the index, and every
-- search reads the whole list: at the default 4 MB (2,500 documents after a burst of new
-- tickets) that was 8 ms added to each search, even one matching nothing. 256 kB keeps it under
-- a millisecond; the indexer merges a little more often.
DROP INDEX search_tickets_public;
CREATE INDEX search_tickets_public ON search_tickets USING gin (public_vec, search_recency(tenant_id, ticket_id))
  WITH (gin_pending_list_limit = 256);
DROP INDEX search_tickets_staff;
CREATE INDEX search_tickets_staff ON search_tickets USING gin ((coalesce(staff_vec, public_vec)), search_recency(tenant_id, ticket_id))
  WITH (gin_pending_list_limit = 256);

-- Statistics of the new index expression, so the planner weighs a bucket token right.
ANALYZE search_tickets;
