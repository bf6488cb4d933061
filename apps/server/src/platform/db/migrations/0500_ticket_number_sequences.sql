-- Ticket numbers (#1024) come from one sequence per tenant instead of the counter on the
-- tenant row. The counter was updated inside every ticket-creating transaction, so its row
-- lock serialised all creations of a tenant until commit. A sequence hands out numbers without
-- a lock held to commit: numbers stay unique per tenant and increase, and a rolled-back
-- creation leaves a gap (as Zendesk's numbers do). tenants.next_ticket_number is now only the
-- starting point for a tenant's sequence.

-- The tenant's next number. Runs as the owner (SECURITY DEFINER): it creates the tenant's
-- sequence on first use, starting after the highest number the tenant already has. The app
-- role may only ask for the tenant its transaction works for.
CREATE FUNCTION next_ticket_number(p_tenant bigint) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
  seq text := 'ticket_number_seq_' || p_tenant;
  first_number bigint;
BEGIN
  IF app_tenant_id() IS NOT NULL AND app_tenant_id() <> p_tenant THEN
    RAISE EXCEPTION 'next_ticket_number: tenant % is not the current tenant', p_tenant;
  END IF;
  IF to_regclass(seq) IS NULL THEN
    -- Only the first ticket of a tenant gets here. Concurrent first tickets queue on the lock;
    -- those after the creator find the sequence there (duplicate_table) and use it.
    PERFORM pg_advisory_xact_lock(hashtextextended('switchboard:ticket-numbers:' || p_tenant, 0));
    SELECT greatest(n.next_ticket_number,
                    (SELECT coalesce(max(t.number), 0) + 1 FROM tickets t WHERE t.tenant_id = p_tenant))
      INTO first_number FROM tenants n WHERE n.id = p_tenant;
    IF first_number IS NULL THEN
      RAISE EXCEPTION 'next_ticket_number: no tenant %', p_tenant;
    END IF;
    BEGIN
      EXECUTE format('CREATE SEQUENCE %I AS bigint START WITH %s', seq, first_number);
    EXCEPTION WHEN duplicate_table OR unique_violation THEN
      NULL;
    END;
  END IF;
  RETURN nextval(seq::regclass);
END $$;
REVOKE ALL ON FUNCTION next_ticket_number(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION next_ticket_number(bigint) TO switchboard_app;

-- A deleted tenant takes its sequence with it.
CREATE FUNCTION drop_ticket_number_sequence() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  EXECUTE format('DROP SEQUENCE IF EXISTS %I', 'ticket_number_seq_' || OLD.id);
  RETURN NULL;
END $$;
CREATE TRIGGER tenants_drop_ticket_number_sequence AFTER DELETE ON tenants
  FOR EACH ROW EXECUTE FUNCTION drop_ticket_number_sequence();

-- Existing tenants continue where their counter stood.
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT n.id, greatest(n.next_ticket_number, coalesce(max(t.number), 0) + 1) AS first_number
    FROM tenants n LEFT JOIN tickets t ON t.tenant_id = n.id GROUP BY n.id
  LOOP
    EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I AS bigint START WITH %s', 'ticket_number_seq_' || r.id, r.first_number);
  END LOOP;
END $$;
