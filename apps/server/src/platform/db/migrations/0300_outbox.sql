-- Reactions to committed changes. A row is written in the same transaction as the change;
-- the dispatcher turns it into a pg-boss job and deletes it in one transaction, so a crash at
-- any point neither loses nor doubles a reaction.
CREATE TABLE outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  topic text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
-- The app role may only add rows for its tenant; reading and deleting is the dispatcher's.
CREATE POLICY outbox_insert ON outbox FOR INSERT TO switchboard_app WITH CHECK (tenant_id = app_tenant_id());
REVOKE SELECT, UPDATE, DELETE ON outbox FROM switchboard_app;

CREATE FUNCTION outbox_wake() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('switchboard_outbox', '');
  RETURN NULL;
END $$;
CREATE TRIGGER outbox_wake AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_wake();

-- Which event each idempotent consumer has already applied.
CREATE TABLE processed_events (
  consumer text NOT NULL,
  event_key text NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_key)
);
REVOKE ALL ON processed_events FROM switchboard_app;

-- Daily ticket facts per channel, kept up by the events (first analytics reaction).
CREATE TABLE daily_ticket_facts (
  tenant_id bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  day date NOT NULL,
  via text NOT NULL,
  created_count int NOT NULL DEFAULT 0,
  solved_count int NOT NULL DEFAULT 0,
  public_replies int NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, day, via)
);
ALTER TABLE daily_ticket_facts ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON daily_ticket_facts TO switchboard_app
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
