-- Tickets, their messages, attachments and history, and the configuration they use.
CREATE TABLE ticket_statuses (
  tenant_id bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id bigint GENERATED ALWAYS AS IDENTITY,
  category text NOT NULL CHECK (category IN ('new', 'open', 'pending', 'on_hold', 'solved', 'closed')),
  name text NOT NULL,
  name_zh text,
  -- The status a ticket gets when it enters this category without naming one.
  is_default boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  position int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX ticket_statuses_name_key ON ticket_statuses (tenant_id, lower(name));
CREATE UNIQUE INDEX ticket_statuses_default_key ON ticket_statuses (tenant_id, category) WHERE is_default;

CREATE TABLE categories (
  tenant_id bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id bigint GENERATED ALWAYS AS IDENTITY,
  parent_id bigint,
  name text NOT NULL,
  name_zh text,
  depth int NOT NULL CHECK (depth BETWEEN 1 AND 3),
  position int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, parent_id) REFERENCES categories (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX categories_sibling_name_key ON categories (tenant_id, coalesce(parent_id, 0), lower(name));

CREATE TABLE tags (
  tenant_id bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, name)
);

CREATE TABLE custom_field_definitions (
  tenant_id bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id bigint GENERATED ALWAYS AS IDENTITY,
  key text NOT NULL,
  title text NOT NULL,
  title_zh text,
  type text NOT NULL CHECK (type IN ('text', 'number', 'date', 'dropdown', 'multi_select', 'checkbox', 'regex')),
  options jsonb NOT NULL DEFAULT '[]',
  pattern text,
  required boolean NOT NULL DEFAULT false,
  required_on_solve boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  position int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX custom_field_definitions_key ON custom_field_definitions (tenant_id, key);

CREATE TABLE ticket_forms (
  tenant_id bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id bigint GENERATED ALWAYS AS IDENTITY,
  name text NOT NULL,
  field_ids bigint[] NOT NULL DEFAULT '{}',
  is_default boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  position int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE tickets (
  tenant_id bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id bigint GENERATED ALWAYS AS IDENTITY,
  number bigint NOT NULL,
  subject text NOT NULL,
  status_id bigint NOT NULL,
  -- Copied from the status so lists and rules filter on it without a join.
  status_category text NOT NULL CHECK (status_category IN ('new', 'open', 'pending', 'on_hold', 'solved', 'closed')),
  priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  type text CHECK (type IN ('question', 'incident', 'problem', 'task')),
  category_id bigint,
  requester_id bigint NOT NULL,
  submitter_id bigint,
  assignee_id bigint,
  group_id bigint,
  organization_id bigint,
  form_id bigint,
  via text NOT NULL DEFAULT 'api',
  external_id text,
  tags text[] NOT NULL DEFAULT '{}',
  custom_fields jsonb NOT NULL DEFAULT '{}',
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  solved_at timestamptz,
  closed_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, number),
  FOREIGN KEY (tenant_id, status_id) REFERENCES ticket_statuses (tenant_id, id),
  FOREIGN KEY (tenant_id, category_id) REFERENCES categories (tenant_id, id) ON DELETE SET NULL (category_id),
  FOREIGN KEY (tenant_id, requester_id) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, submitter_id) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, assignee_id) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, group_id) REFERENCES groups (tenant_id, id) ON DELETE SET NULL (group_id),
  FOREIGN KEY (tenant_id, organization_id) REFERENCES organizations (tenant_id, id) ON DELETE SET NULL (organization_id),
  FOREIGN KEY (tenant_id, form_id) REFERENCES ticket_forms (tenant_id, id) ON DELETE SET NULL (form_id)
);
CREATE UNIQUE INDEX tickets_external_id_key ON tickets (tenant_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX tickets_recent ON tickets (tenant_id, id DESC);
CREATE INDEX tickets_updated ON tickets (tenant_id, updated_at DESC, id DESC);
CREATE INDEX tickets_requester ON tickets (tenant_id, requester_id, id DESC);
CREATE INDEX tickets_assignee_live ON tickets (tenant_id, assignee_id, id DESC) WHERE status_category NOT IN ('solved', 'closed');
CREATE INDEX tickets_group_live ON tickets (tenant_id, group_id, id DESC) WHERE status_category NOT IN ('solved', 'closed');
CREATE INDEX tickets_status ON tickets (tenant_id, status_category, id DESC);
CREATE INDEX tickets_tags ON tickets USING gin (tags);

CREATE TABLE ticket_ccs (
  tenant_id bigint NOT NULL,
  ticket_id bigint NOT NULL,
  user_id bigint NOT NULL,
  PRIMARY KEY (tenant_id, ticket_id, user_id),
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE ticket_followers (
  tenant_id bigint NOT NULL,
  ticket_id bigint NOT NULL,
  user_id bigint NOT NULL,
  PRIMARY KEY (tenant_id, ticket_id, user_id),
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE ticket_links (
  tenant_id bigint NOT NULL,
  source_id bigint NOT NULL,
  target_id bigint NOT NULL,
  -- follow_up: source is the follow-up of the closed target.
  kind text NOT NULL CHECK (kind IN ('follow_up', 'merged_into', 'incident_of', 'split_from')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, source_id, target_id, kind),
  FOREIGN KEY (tenant_id, source_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, target_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX ticket_links_target ON ticket_links (tenant_id, target_id);

CREATE TABLE messages (
  tenant_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  ticket_id bigint NOT NULL,
  author_id bigint,
  public boolean NOT NULL,
  body text NOT NULL,
  body_html text,
  via text NOT NULL DEFAULT 'api',
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX messages_ticket ON messages (tenant_id, ticket_id, id);

CREATE TABLE attachments (
  tenant_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  -- Uploaded first (message_id NULL), then bound to the message that references it.
  message_id bigint,
  ticket_id bigint,
  uploader_id bigint,
  upload_token text NOT NULL UNIQUE,
  file_name text NOT NULL,
  content_type text NOT NULL,
  size_bytes bigint NOT NULL,
  sha256 text NOT NULL,
  storage_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, message_id) REFERENCES messages (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX attachments_message ON attachments (tenant_id, message_id);

-- Everything that happens to a ticket. Audit log, history, source of analytics and exports.
CREATE TABLE ticket_events (
  tenant_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  ticket_id bigint NOT NULL,
  type text NOT NULL,
  actor_type text NOT NULL CHECK (actor_type IN ('user', 'token', 'rule', 'system', 'cli')),
  actor_id bigint,
  via text NOT NULL,
  -- {field: [before, after]}
  changes jsonb NOT NULL DEFAULT '{}',
  data jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX ticket_events_ticket ON ticket_events (tenant_id, ticket_id, id);
CREATE INDEX ticket_events_time ON ticket_events (tenant_id, created_at, id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['ticket_statuses', 'categories', 'tags', 'custom_field_definitions', 'ticket_forms', 'tickets',
                           'ticket_ccs', 'ticket_followers', 'ticket_links', 'messages', 'attachments', 'ticket_events'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I TO switchboard_app USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id())', t);
  END LOOP;
END $$;
