-- Customer 360: one customer, several identities (emails, phones, WeChat ids, chat visitors),
-- customers merged explicitly and auditably, and notes on a customer.
--
-- Normalisation (the same rules as modules/identity/domain/identity-values.ts; a test compares
-- the two on a table of samples):
--   email        lower-case, trimmed;
--   phone        digits only, with a leading '+'; a leading international prefix '00' is
--                dropped ('0086 138…' = '+86 138…'); 5 to 15 digits (E.164's limit), else no
--                identity. No country is guessed: '138 0013 8000' is '+13800138000', a different
--                identity from '+86 138 0013 8000'. Simple and predictable, not a phone library;
--   wechat, chat_visitor  trimmed, case kept (openids are case-sensitive).
--
-- users.email and users.phone stay as mirrors of the primary email and phone identity (sign-in,
-- mail and most code read them). The triggers below keep identities in step with every write
-- of users.email/phone, whoever makes it (services, CLI, imports, the benchmark seed, tests);
-- the identity service changes users.email itself when a primary identity changes, in the same
-- transaction, and the trigger then finds nothing left to do.

-- Leading and trailing white space of any kind (tabs and line breaks too), as JavaScript's trim().
CREATE FUNCTION identity_trim(raw text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT regexp_replace(raw, '^\s+|\s+$', '', 'g') $$;

CREATE FUNCTION identity_normalize_email(raw text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT nullif(lower(identity_trim(raw)), '') $$;

CREATE FUNCTION identity_normalize_phone(raw text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT CASE WHEN length(d) BETWEEN 5 AND 15 THEN '+' || d END
    FROM (SELECT regexp_replace(regexp_replace(identity_trim(raw), '^00', ''), '[^0-9]', '', 'g') AS d) AS digits
  $$;

ALTER TABLE users
  ADD COLUMN notes text NOT NULL DEFAULT '',
  -- Set when this customer was merged into another: the row stays (deactivated) for history.
  ADD COLUMN merged_into_id bigint,
  ADD FOREIGN KEY (tenant_id, merged_into_id) REFERENCES users (tenant_id, id) ON DELETE SET NULL (merged_into_id);

CREATE TABLE user_identities (
  tenant_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  user_id bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('email', 'phone', 'wechat', 'chat_visitor')),
  value text NOT NULL,
  value_normalized text NOT NULL,
  verified_at timestamptz,
  is_primary boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by bigint,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
  -- One owner per address in a tenant: this is what "identify the customer by address" reads.
  CONSTRAINT user_identities_value_key UNIQUE (tenant_id, kind, value_normalized)
);
CREATE INDEX user_identities_user ON user_identities (tenant_id, user_id);
-- At most one primary identity of each kind per user.
CREATE UNIQUE INDEX user_identities_one_primary ON user_identities (tenant_id, user_id, kind) WHERE is_primary;
-- Portal sign-in links are asked before the tenant is known (owner connection, every tenant).
CREATE INDEX user_identities_email_any_tenant ON user_identities (value_normalized) WHERE kind = 'email';

-- Backfill: every user's email (primary; verified for staff, and for customers who signed in)
-- and phone (primary; the oldest user keeps a number several users share).
INSERT INTO user_identities (tenant_id, user_id, kind, value, value_normalized, verified_at, is_primary, created_at)
SELECT tenant_id, id, 'email', identity_trim(email), identity_normalize_email(email),
       CASE WHEN role <> 'customer' THEN created_at ELSE last_login_at END, true, created_at
FROM users WHERE identity_normalize_email(email) IS NOT NULL
ORDER BY tenant_id, id
ON CONFLICT DO NOTHING;

INSERT INTO user_identities (tenant_id, user_id, kind, value, value_normalized, is_primary, created_at)
SELECT tenant_id, id, 'phone', identity_trim(phone), identity_normalize_phone(phone), true, created_at
FROM users WHERE identity_normalize_phone(phone) IS NOT NULL
ORDER BY tenant_id, id
ON CONFLICT DO NOTHING;

-- New users: their email and phone become primary identities, one statement per INSERT
-- statement (a bulk import is one trigger call). An email another user holds as an identity
-- fails the insert with a unique violation, as users_email_key does for users.email; a phone
-- another user holds is skipped (numbers are shared by families and front desks).
CREATE FUNCTION users_identities_inserted() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO user_identities (tenant_id, user_id, kind, value, value_normalized, verified_at, is_primary)
  SELECT n.tenant_id, n.id, 'email', identity_trim(n.email), identity_normalize_email(n.email),
         CASE WHEN n.role <> 'customer' THEN now() END, true
  FROM new_users n WHERE identity_normalize_email(n.email) IS NOT NULL;
  INSERT INTO user_identities (tenant_id, user_id, kind, value, value_normalized, is_primary)
  SELECT n.tenant_id, n.id, 'phone', identity_trim(n.phone), identity_normalize_phone(n.phone), true
  FROM new_users n WHERE identity_normalize_phone(n.phone) IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER users_identities_inserted AFTER INSERT ON users
  REFERENCING NEW TABLE AS new_users FOR EACH STATEMENT EXECUTE FUNCTION users_identities_inserted();

-- users.email (or phone) set to a new value: that address becomes the user's primary identity
-- of its kind (added when new; the former primary stays as a secondary identity). Set to NULL:
-- the user has no primary of that kind any more. Already in step (the identity service wrote
-- both): nothing happens.
CREATE FUNCTION identity_adopt_primary(p_tenant bigint, p_user bigint, p_kind text, p_raw text, p_verified boolean)
  RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  normalized text := CASE p_kind WHEN 'email' THEN identity_normalize_email(p_raw) ELSE identity_normalize_phone(p_raw) END;
  found record;
BEGIN
  IF normalized IS NULL THEN
    UPDATE user_identities SET is_primary = false
      WHERE tenant_id = p_tenant AND user_id = p_user AND kind = p_kind AND is_primary;
    RETURN;
  END IF;
  SELECT id, user_id, is_primary, value INTO found FROM user_identities
    WHERE tenant_id = p_tenant AND kind = p_kind AND value_normalized = normalized;
  IF found.id IS NOT NULL AND found.user_id <> p_user THEN
    IF p_kind = 'phone' THEN RETURN; END IF;
    RAISE unique_violation USING MESSAGE = format('the %s %s is an identity of another user', p_kind, normalized),
      CONSTRAINT = 'user_identities_value_key';
  END IF;
  IF found.id IS NOT NULL AND found.is_primary AND found.value = identity_trim(p_raw) THEN
    RETURN;
  END IF;
  UPDATE user_identities SET is_primary = false
    WHERE tenant_id = p_tenant AND user_id = p_user AND kind = p_kind AND is_primary AND id IS DISTINCT FROM found.id;
  IF found.id IS NOT NULL THEN
    UPDATE user_identities SET is_primary = true, value = identity_trim(p_raw) WHERE tenant_id = p_tenant AND id = found.id;
  ELSE
    INSERT INTO user_identities (tenant_id, user_id, kind, value, value_normalized, verified_at, is_primary)
    VALUES (p_tenant, p_user, p_kind, identity_trim(p_raw), normalized, CASE WHEN p_verified THEN now() END, true);
  END IF;
END $$;

CREATE FUNCTION users_identities_updated() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.email IS DISTINCT FROM OLD.email THEN
    PERFORM identity_adopt_primary(NEW.tenant_id, NEW.id, 'email', NEW.email, NEW.role <> 'customer');
  END IF;
  IF NEW.phone IS DISTINCT FROM OLD.phone THEN
    PERFORM identity_adopt_primary(NEW.tenant_id, NEW.id, 'phone', NEW.phone, false);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER users_identities_updated AFTER UPDATE OF email, phone ON users
  FOR EACH ROW WHEN (OLD.email IS DISTINCT FROM NEW.email OR OLD.phone IS DISTINCT FROM NEW.phone)
  EXECUTE FUNCTION users_identities_updated();

-- One row per customer merge (source merged INTO target), shown in both customers' history.
CREATE TABLE customer_merges (
  tenant_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  source_id bigint NOT NULL,
  target_id bigint NOT NULL,
  merged_by bigint,
  -- Tickets whose requester moved from source to target.
  moved_ticket_ids bigint[] NOT NULL DEFAULT '{}',
  -- What else moved: identities, CC/follower tickets, tags added, VIP and organization before/after.
  details jsonb NOT NULL DEFAULT '{}',
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, source_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, target_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_merges_target ON customer_merges (tenant_id, target_id, id DESC);
CREATE INDEX customer_merges_source ON customer_merges (tenant_id, source_id, id DESC);
CREATE INDEX users_merged_into ON users (tenant_id, merged_into_id) WHERE merged_into_id IS NOT NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['user_identities', 'customer_merges'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I TO switchboard_app USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id())', t);
  END LOOP;
END $$;
