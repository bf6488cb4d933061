-- Inbound mail is processed by claiming its pending rows directly (the inbound pump), instead of
-- through an outbox row and a job per mail: the pending row is the announcement.

-- A message whose processing failed is tried again after this (back-off), not at once.
ALTER TABLE inbound_emails ADD COLUMN retry_at timestamptz;

-- The pump's claim (a tenant's oldest pending rows) and its list of tenants with pending mail.
DROP INDEX IF EXISTS inbound_emails_pending;
CREATE INDEX inbound_emails_pending ON inbound_emails (tenant_id, id) WHERE status = 'pending';

-- Stored mail wakes the pumps of every worker node.
CREATE FUNCTION inbound_emails_wake() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('switchboard_inbound', '');
  RETURN NULL;
END $$;
CREATE TRIGGER inbound_emails_wake AFTER INSERT ON inbound_emails FOR EACH STATEMENT EXECUTE FUNCTION inbound_emails_wake();
