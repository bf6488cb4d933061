-- tickets_recent (tenant_id, id DESC) holds what the primary key (tenant_id, id) holds: a btree
-- is read backwards as cheaply as forwards, so "newest first" uses the key. Every ticket insert
-- paid for maintaining both.
DROP INDEX IF EXISTS tickets_recent;
