-- One-time links sent by email: agent invitations (set a password) and portal sign-in links.
-- Only the SHA-256 of the secret is stored; the lookup by hash runs on the owner connection
-- (the tenant is not known yet), everything after it under RLS.
CREATE TABLE identity_links (
  tenant_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  purpose text NOT NULL CHECK (purpose IN ('invitation', 'magic_link')),
  user_id bigint NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_by bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX identity_links_user ON identity_links (tenant_id, user_id, purpose);
CREATE INDEX identity_links_expires_at ON identity_links (expires_at);

-- The workspace logo (small images, served publicly: the portal shows it before sign-in).
CREATE TABLE tenant_logos (
  tenant_id bigint PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  content_type text NOT NULL,
  bytes bytea NOT NULL,
  sha256 text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['identity_links', 'tenant_logos'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I TO switchboard_app USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id())', t);
  END LOOP;
END $$;
