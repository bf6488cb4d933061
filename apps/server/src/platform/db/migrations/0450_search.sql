-- Search: one document per ticket, user and organization, as tsvectors written by the app (it
-- segments Chinese, see platform/search), plus a per-tenant vocabulary of Latin words for typo
-- tolerance (pg_trgm). Documents follow their rows: tickets through the 'ticket.event' reactions,
-- users and organizations through the statement triggers below (one outbox row per statement).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- public_vec: subject (A), tags (B), requester name and e-mail (C), public messages (D).
-- internal_vec: internal notes (D), matched only for staff, through the second index.
CREATE TABLE search_tickets (
  tenant_id bigint NOT NULL,
  ticket_id bigint NOT NULL,
  public_vec tsvector NOT NULL,
  internal_vec tsvector NOT NULL DEFAULT ''::tsvector,
  indexed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, ticket_id),
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX search_tickets_public ON search_tickets USING gin (public_vec);
CREATE INDEX search_tickets_staff ON search_tickets USING gin ((public_vec || internal_vec));

-- name (A), e-mail and phone (B).
CREATE TABLE search_users (
  tenant_id bigint NOT NULL,
  user_id bigint NOT NULL,
  vec tsvector NOT NULL,
  indexed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX search_users_vec ON search_users USING gin (vec);

-- name (A), domains (B).
CREATE TABLE search_organizations (
  tenant_id bigint NOT NULL,
  organization_id bigint NOT NULL,
  vec tsvector NOT NULL,
  indexed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, organization_id),
  FOREIGN KEY (tenant_id, organization_id) REFERENCES organizations (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX search_organizations_vec ON search_organizations USING gin (vec);

-- Latin words seen in the tenant's documents: a misspelt query word is corrected to the most
-- similar of them (trigram similarity), the way PostgreSQL's manual suggests for pg_trgm.
CREATE TABLE search_words (
  tenant_id bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  word text NOT NULL,
  PRIMARY KEY (tenant_id, word)
);
CREATE INDEX search_words_trgm ON search_words USING gin (word gin_trgm_ops);

-- Progress of `search reindex`, so an interrupted run resumes where it stopped.
CREATE TABLE search_reindex_runs (
  tenant_id bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('tickets', 'users', 'organizations')),
  last_id bigint NOT NULL DEFAULT 0,
  indexed bigint NOT NULL DEFAULT 0,
  started_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  PRIMARY KEY (tenant_id, kind)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['search_tickets', 'search_users', 'search_organizations', 'search_words', 'search_reindex_runs'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I TO switchboard_app USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id())', t);
  END LOOP;
END $$;

-- Users and organizations changed by a statement become one outbox row per tenant (topic
-- 'search.directory'): the ids when few, else their range, so a bulk import is one reaction.
-- Updates that leave the searched columns alone (a sign-in stamping last_login_at) add nothing.
CREATE FUNCTION search_directory_changed() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  kind text := CASE TG_TABLE_NAME WHEN 'users' THEN 'user' ELSE 'organization' END;
  r record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    FOR r IN SELECT n.tenant_id, count(*) AS n, min(n.id) AS lo, max(n.id) AS hi,
                    (array_agg(n.id ORDER BY n.id))[1:200] AS ids
             FROM changed_new n GROUP BY n.tenant_id LOOP
      INSERT INTO outbox (tenant_id, topic, payload) VALUES (r.tenant_id, 'search.directory',
        CASE WHEN r.n <= 200 THEN jsonb_build_object('kind', kind, 'ids', to_jsonb(r.ids::text[]), 'requester_changed', false)
             ELSE jsonb_build_object('kind', kind, 'from', r.lo::text, 'to', r.hi::text, 'requester_changed', false) END);
    END LOOP;
  ELSIF TG_TABLE_NAME = 'users' THEN
    FOR r IN SELECT n.tenant_id, count(*) AS n, min(n.id) AS lo, max(n.id) AS hi,
                    (array_agg(n.id ORDER BY n.id))[1:200] AS ids
             FROM changed_new n JOIN changed_old o ON o.tenant_id = n.tenant_id AND o.id = n.id
             WHERE (n.name, n.email, n.phone) IS DISTINCT FROM (o.name, o.email, o.phone)
             GROUP BY n.tenant_id LOOP
      INSERT INTO outbox (tenant_id, topic, payload) VALUES (r.tenant_id, 'search.directory',
        CASE WHEN r.n <= 200 THEN jsonb_build_object('kind', kind, 'ids', to_jsonb(r.ids::text[]), 'requester_changed', true)
             ELSE jsonb_build_object('kind', kind, 'from', r.lo::text, 'to', r.hi::text, 'requester_changed', true) END);
    END LOOP;
  ELSE
    FOR r IN SELECT n.tenant_id, count(*) AS n, min(n.id) AS lo, max(n.id) AS hi,
                    (array_agg(n.id ORDER BY n.id))[1:200] AS ids
             FROM changed_new n JOIN changed_old o ON o.tenant_id = n.tenant_id AND o.id = n.id
             WHERE (n.name, n.domains) IS DISTINCT FROM (o.name, o.domains)
             GROUP BY n.tenant_id LOOP
      INSERT INTO outbox (tenant_id, topic, payload) VALUES (r.tenant_id, 'search.directory',
        CASE WHEN r.n <= 200 THEN jsonb_build_object('kind', kind, 'ids', to_jsonb(r.ids::text[]), 'requester_changed', false)
             ELSE jsonb_build_object('kind', kind, 'from', r.lo::text, 'to', r.hi::text, 'requester_changed', false) END);
    END LOOP;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER search_users_inserted AFTER INSERT ON users
  REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION search_directory_changed();
CREATE TRIGGER search_users_updated AFTER UPDATE ON users
  REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION search_directory_changed();
CREATE TRIGGER search_organizations_inserted AFTER INSERT ON organizations
  REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION search_directory_changed();
CREATE TRIGGER search_organizations_updated AFTER UPDATE ON organizations
  REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION search_directory_changed();
