-- Platform: the RLS-bound application role, the tenant GUC helper, tenants.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'switchboard_app') THEN
    CREATE ROLE switchboard_app NOLOGIN NOBYPASSRLS;
  END IF;
END $$;

-- The login role (superuser when embedded, the DATABASE_URL user otherwise) switches to the
-- app role per transaction, so it must be a member.
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'switchboard_app', 'MEMBER') THEN
    EXECUTE format('GRANT switchboard_app TO %I', current_user);
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  -- The role exists already (another database of this cluster) and was made by someone else.
  RAISE EXCEPTION 'the database user % cannot join the role switchboard_app', current_user
    USING HINT = format('As a superuser, run once: GRANT switchboard_app TO %I;', current_user);
END $$;

GRANT USAGE ON SCHEMA public TO switchboard_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO switchboard_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO switchboard_app;

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The tenant the current transaction works for; NULL (so no row matches) when unset.
CREATE FUNCTION app_tenant_id() RETURNS bigint
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::bigint $$;

CREATE TABLE tenants (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  slug text NOT NULL UNIQUE,
  time_zone text NOT NULL DEFAULT 'UTC',
  default_locale text NOT NULL DEFAULT 'zh-CN' CHECK (default_locale IN ('zh-CN', 'en')),
  logo_url text,
  settings jsonb NOT NULL DEFAULT '{}',
  next_ticket_number bigint NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tenants_name_key ON tenants (lower(name));
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenants TO switchboard_app
  USING (id = app_tenant_id()) WITH CHECK (id = app_tenant_id());

-- Responses of creating POSTs, replayed for a repeated Idempotency-Key.
CREATE TABLE idempotency_keys (
  tenant_id bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  principal text NOT NULL,
  key text NOT NULL,
  method text NOT NULL,
  path text NOT NULL,
  request_hash text NOT NULL,
  status_code int,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, principal, key)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON idempotency_keys TO switchboard_app
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
