-- Views (saved ticket filters) and the incrementally kept ticket counts behind them.
CREATE TABLE views (
  tenant_id bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id bigint GENERATED ALWAYS AS IDENTITY,
  -- NULL: shared by every staff member of the tenant; set: a personal view of that user.
  owner_user_id bigint,
  -- Seeded default views have a stable key (my_open, all_open...); others have none.
  key text,
  title text NOT NULL,
  title_zh text,
  conditions jsonb NOT NULL,
  sort jsonb NOT NULL DEFAULT '{"by": "updated_at", "direction": "desc"}',
  columns text[] NOT NULL DEFAULT '{number,subject,status,requester,assignee,updated_at}',
  position int NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, owner_user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX views_key ON views (tenant_id, key) WHERE key IS NOT NULL;
CREATE INDEX views_owner ON views (tenant_id, owner_user_id, position, id);
ALTER TABLE views ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON views TO switchboard_app USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

-- Ticket counts by the dimensions most views test. A view testing only these columns is counted
-- as sum(n) over this table plus the pending deltas: exact at any snapshot, and its cost depends
-- on the number of distinct combinations, never on the number of tickets.
-- group_id / assignee_id 0 stand for NULL ("none"), so the key can be a plain primary key.
CREATE TABLE view_count_aggregate (
  tenant_id bigint NOT NULL,
  status_category text NOT NULL,
  status_id bigint NOT NULL,
  group_id bigint NOT NULL,
  assignee_id bigint NOT NULL,
  priority text NOT NULL,
  n bigint NOT NULL,
  PRIMARY KEY (tenant_id, status_category, status_id, group_id, assignee_id, priority)
);
-- Insert-only: every ticket write adds its net change here in its own transaction (no hot row);
-- the compactor folds them into the aggregate every few seconds.
CREATE TABLE view_count_deltas (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id bigint NOT NULL,
  status_category text NOT NULL,
  status_id bigint NOT NULL,
  group_id bigint NOT NULL,
  assignee_id bigint NOT NULL,
  priority text NOT NULL,
  delta bigint NOT NULL
);
CREATE INDEX view_count_deltas_tenant ON view_count_deltas (tenant_id);
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['view_count_aggregate', 'view_count_deltas'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_read ON %I FOR SELECT TO switchboard_app USING (tenant_id = app_tenant_id())', t);
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE ON %I FROM switchboard_app', t);
  END LOOP;
END $$;

-- The triggers write the deltas as the owner (SECURITY DEFINER), so the app role only reads them.
-- Statement-level with transition tables: a bulk insert (an import, the benchmark seed) adds one
-- row per combination, not one per ticket; an update that moves no dimension adds nothing.
CREATE FUNCTION view_counts_capture() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO view_count_deltas (tenant_id, status_category, status_id, group_id, assignee_id, priority, delta)
    SELECT tenant_id, status_category, status_id, coalesce(group_id, 0), coalesce(assignee_id, 0), priority, count(*)
    FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO view_count_deltas (tenant_id, status_category, status_id, group_id, assignee_id, priority, delta)
    SELECT tenant_id, status_category, status_id, coalesce(group_id, 0), coalesce(assignee_id, 0), priority, -count(*)
    FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6;
  ELSE
    INSERT INTO view_count_deltas (tenant_id, status_category, status_id, group_id, assignee_id, priority, delta)
    SELECT tenant_id, status_category, status_id, g, a, priority, sum(d) FROM (
      SELECT tenant_id, status_category, status_id, coalesce(group_id, 0) AS g, coalesce(assignee_id, 0) AS a, priority, 1 AS d FROM new_rows
      UNION ALL
      SELECT tenant_id, status_category, status_id, coalesce(group_id, 0), coalesce(assignee_id, 0), priority, -1 FROM old_rows
    ) changes GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(d) <> 0;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER view_counts_insert AFTER INSERT ON tickets REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION view_counts_capture();
CREATE TRIGGER view_counts_update AFTER UPDATE ON tickets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION view_counts_capture();
CREATE TRIGGER view_counts_delete AFTER DELETE ON tickets REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION view_counts_capture();

-- The tickets that exist before this migration.
INSERT INTO view_count_aggregate (tenant_id, status_category, status_id, group_id, assignee_id, priority, n)
SELECT tenant_id, status_category, status_id, coalesce(group_id, 0), coalesce(assignee_id, 0), priority, count(*)
FROM tickets GROUP BY 1, 2, 3, 4, 5, 6;

-- Lists and counts of views that test more than the aggregate's columns stay on the live slice
-- (and the recently solved one): their cost does not grow with closed tickets.
CREATE INDEX views_tickets_live_updated ON tickets (tenant_id, updated_at DESC, id DESC) WHERE status_category NOT IN ('solved', 'closed');
CREATE INDEX views_tickets_solved ON tickets (tenant_id, solved_at DESC, id DESC) WHERE status_category = 'solved';

-- The default views, for a new tenant (called by the provisioner) and for every existing one.
-- Running it again adds nothing.
CREATE FUNCTION views_seed_defaults(p_tenant_id bigint) RETURNS void LANGUAGE sql AS $$
  INSERT INTO views (tenant_id, key, title, title_zh, conditions, sort, columns, position)
  SELECT p_tenant_id, d.key, d.title, d.title_zh, d.conditions::jsonb, d.sort::jsonb, d.columns, d.position
  FROM (VALUES
    ('my_open', 'My open tickets', '我的未解决工单',
     '{"all": [{"field": "assignee_id", "operator": "is", "value": "me"}, {"field": "status_category", "operator": "less_than", "value": "solved"}], "any": []}',
     '{"by": "updated_at", "direction": "desc"}', '{number,subject,status,priority,requester,group,updated_at}'::text[], 0),
    ('unassigned_my_groups', 'Unassigned in my groups', '我所在组的未分配工单',
     '{"all": [{"field": "assignee_id", "operator": "is", "value": "none"}, {"field": "group_id", "operator": "is", "value": "my_groups"}, {"field": "status_category", "operator": "less_than", "value": "solved"}], "any": []}',
     '{"by": "created_at", "direction": "asc"}', '{number,subject,status,priority,requester,group,created_at}'::text[], 1),
    ('all_open', 'All open tickets', '所有未解决工单',
     '{"all": [{"field": "status_category", "operator": "less_than", "value": "solved"}], "any": []}',
     '{"by": "updated_at", "direction": "desc"}', '{number,subject,status,priority,requester,assignee,group,updated_at}'::text[], 2),
    ('pending', 'Pending tickets', '等待客户回复的工单',
     '{"all": [{"field": "status_category", "operator": "is", "value": "pending"}], "any": []}',
     '{"by": "updated_at", "direction": "desc"}', '{number,subject,requester,assignee,updated_at}'::text[], 3),
    ('recently_solved', 'Recently solved tickets', '最近解决的工单',
     '{"all": [{"field": "status_category", "operator": "is", "value": "solved"}, {"field": "solved_at", "operator": "within_last", "value": {"amount": 7, "unit": "days"}}], "any": []}',
     '{"by": "updated_at", "direction": "desc"}', '{number,subject,requester,assignee,solved_at}'::text[], 4)
  ) AS d (key, title, title_zh, conditions, sort, columns, position)
  ON CONFLICT (tenant_id, key) WHERE key IS NOT NULL DO NOTHING;
$$;
SELECT views_seed_defaults(id) FROM tenants;
