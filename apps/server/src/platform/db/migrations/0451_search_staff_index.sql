-- Staff match internal notes through (public_vec || internal_vec); most tickets have no notes,
-- so that expression is indexed (and evaluated) only where there are some. Staff queries read
-- `public_vec @@ q OR (internal_vec <> '' AND (public_vec || internal_vec) @@ q)`.
DROP INDEX search_tickets_staff;
CREATE INDEX search_tickets_staff ON search_tickets USING gin ((public_vec || internal_vec)) WHERE internal_vec <> ''::tsvector;
