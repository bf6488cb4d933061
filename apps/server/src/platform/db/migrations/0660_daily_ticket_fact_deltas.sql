-- Daily ticket facts are kept as insert-only deltas folded into daily_ticket_facts by a job:
-- every reaction updating the one row of its tenant, day and channel serialised them all on
-- its row lock (9 ms per event under load, the largest cost of a new ticket's reactions).
CREATE TABLE daily_ticket_fact_deltas (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  day date NOT NULL,
  via text NOT NULL,
  created_count int NOT NULL DEFAULT 0,
  solved_count int NOT NULL DEFAULT 0,
  public_replies int NOT NULL DEFAULT 0
);
CREATE INDEX daily_ticket_fact_deltas_tenant_day ON daily_ticket_fact_deltas (tenant_id, day);
ALTER TABLE daily_ticket_fact_deltas ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON daily_ticket_fact_deltas TO switchboard_app
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
