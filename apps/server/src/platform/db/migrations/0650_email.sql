-- Email channel: mailboxes, the raw store of every inbound message, threading ids, and outbound
-- deliveries. Secrets (IMAP/SMTP passwords) are stored encrypted with the instance key.

CREATE TABLE mailboxes (
  tenant_id bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id bigint GENERATED ALWAYS AS IDENTITY,
  address text NOT NULL,
  name text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  -- Inbound through the built-in SMTP listener; empty allowed_sender_domains means anyone.
  smtp_inbound boolean NOT NULL DEFAULT true,
  allowed_sender_domains text[] NOT NULL DEFAULT '{}',
  -- Inbound by IMAP pull; the cursor (UIDVALIDITY, last stored UID) advances only after storing.
  imap_enabled boolean NOT NULL DEFAULT false,
  imap_host text,
  imap_port int,
  imap_secure boolean NOT NULL DEFAULT true,
  imap_user text,
  imap_password_enc text,
  imap_folder text NOT NULL DEFAULT 'INBOX',
  imap_poll_seconds int NOT NULL DEFAULT 60 CHECK (imap_poll_seconds BETWEEN 30 AND 86400),
  imap_uid_validity text,
  imap_last_uid bigint NOT NULL DEFAULT 0,
  imap_last_polled_at timestamptz,
  imap_last_error text,
  -- Outbound: 'smtp' through this mailbox's server (or the instance SMTP_URL when no host is
  -- set), 'disabled' keeps replies on the ticket only.
  outbound_mode text NOT NULL DEFAULT 'smtp' CHECK (outbound_mode IN ('smtp', 'disabled')),
  smtp_host text,
  smtp_port int,
  smtp_secure boolean NOT NULL DEFAULT false,
  smtp_user text,
  smtp_password_enc text,
  default_group_id bigint,
  signature_zh text NOT NULL DEFAULT '',
  signature_en text NOT NULL DEFAULT '',
  auto_ack_enabled boolean NOT NULL DEFAULT true,
  auto_ack_per_sender_hour int NOT NULL DEFAULT 3 CHECK (auto_ack_per_sender_hour BETWEEN 0 AND 100),
  send_limit_per_minute int NOT NULL DEFAULT 60 CHECK (send_limit_per_minute BETWEEN 1 AND 10000),
  max_message_bytes bigint NOT NULL DEFAULT 26214400 CHECK (max_message_bytes BETWEEN 1024 AND 157286400),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, default_group_id) REFERENCES groups (tenant_id, id) ON DELETE SET NULL (default_group_id)
);
-- One listener serves every tenant: an address belongs to one mailbox in the whole instance.
CREATE UNIQUE INDEX mailboxes_address_key ON mailboxes (lower(address));

-- Every inbound message, stored raw before anything else is done with it. Processing turns a
-- pending row into a ticket or message (processed), drops auto-mail (ignored), or parks it
-- (quarantined) with a reason an admin can read, retry or convert.
CREATE TABLE inbound_emails (
  tenant_id bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id bigint GENERATED ALWAYS AS IDENTITY,
  mailbox_id bigint NOT NULL,
  source text NOT NULL CHECK (source IN ('smtp', 'imap')),
  envelope_from text,
  envelope_to text[] NOT NULL DEFAULT '{}',
  message_id text,
  imap_uid_validity text,
  imap_uid bigint,
  size_bytes bigint NOT NULL,
  raw bytea NOT NULL,
  -- Oversized mail keeps only its headers (the rest is refused or left on the IMAP server).
  truncated boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processed', 'ignored', 'quarantined', 'duplicate')),
  kind text CHECK (kind IN ('normal', 'auto_reply', 'bounce', 'list')),
  reason_code text,
  error text,
  attempts int NOT NULL DEFAULT 0,
  from_address text,
  subject text,
  ticket_id bigint,
  message_ref_id bigint,
  received_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, mailbox_id) REFERENCES mailboxes (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX inbound_emails_imap_uid ON inbound_emails (tenant_id, mailbox_id, imap_uid_validity, imap_uid) WHERE imap_uid IS NOT NULL;
CREATE INDEX inbound_emails_open ON inbound_emails (tenant_id, status, id) WHERE status IN ('pending', 'quarantined');
CREATE INDEX inbound_emails_pending ON inbound_emails (received_at) WHERE status = 'pending';
CREATE INDEX inbound_emails_message_id ON inbound_emails (tenant_id, message_id) WHERE message_id IS NOT NULL;

-- Per ticket: the mailbox that answers it and the random token our Message-IDs carry.
CREATE TABLE ticket_email_threads (
  tenant_id bigint NOT NULL,
  ticket_id bigint NOT NULL,
  mailbox_id bigint NOT NULL,
  reply_token text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, ticket_id),
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, mailbox_id) REFERENCES mailboxes (tenant_id, id) ON DELETE CASCADE
);

-- Every Message-ID seen or sent, and where it landed: In-Reply-To/References thread by it.
CREATE TABLE email_message_refs (
  tenant_id bigint NOT NULL,
  message_id_header text NOT NULL,
  ticket_id bigint NOT NULL,
  message_id bigint,
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, message_id_header),
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE
);

-- Outbound mail of the email channel: public replies and auto-acknowledgements. Sent by a job
-- after commit, retried with back-off; the state is shown on the message.
CREATE TABLE email_deliveries (
  tenant_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  mailbox_id bigint NOT NULL,
  ticket_id bigint NOT NULL,
  message_id bigint,
  kind text NOT NULL CHECK (kind IN ('reply', 'auto_ack')),
  to_addresses text[] NOT NULL,
  cc_addresses text[] NOT NULL DEFAULT '{}',
  subject text NOT NULL,
  text_body text,
  html_body text,
  message_id_header text NOT NULL,
  in_reply_to text,
  references_header text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'suppressed')),
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, mailbox_id) REFERENCES mailboxes (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX email_deliveries_due ON email_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX email_deliveries_message ON email_deliveries (tenant_id, message_id) WHERE message_id IS NOT NULL;
CREATE INDEX email_deliveries_sent ON email_deliveries (tenant_id, mailbox_id, sent_at) WHERE status = 'sent';
CREATE INDEX email_deliveries_acks ON email_deliveries (tenant_id, mailbox_id, (to_addresses[1]), created_at) WHERE kind = 'auto_ack';

-- Addresses whose mail bounced: agents see the flag before replying again.
CREATE TABLE email_bounces (
  tenant_id bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  address text NOT NULL,
  bounce_count int NOT NULL DEFAULT 1,
  last_status text,
  last_diagnostic text,
  last_bounced_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, address)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['mailboxes', 'inbound_emails', 'ticket_email_threads', 'email_message_refs', 'email_deliveries', 'email_bounces'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I TO switchboard_app USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id())', t);
  END LOOP;
END $$;
