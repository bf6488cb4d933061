-- Outbound mail, written in the same transaction as the change that causes it (an invitation,
-- a sign-in link). A job sends each row through SMTP and marks it; a row stays 'pending' while
-- no SMTP server is configured, and is retried with back-off when the server refuses it.
CREATE TABLE mail_outbox (
  tenant_id bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id bigint GENERATED ALWAYS AS IDENTITY,
  kind text NOT NULL,
  to_address text NOT NULL,
  subject text NOT NULL,
  text_body text NOT NULL,
  html_body text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  message_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX mail_outbox_done ON mail_outbox (created_at) WHERE status <> 'pending';
ALTER TABLE mail_outbox ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON mail_outbox TO switchboard_app
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
