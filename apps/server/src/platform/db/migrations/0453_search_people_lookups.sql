-- Search starts a customer's (or an 'assigned' agent's) query from the tickets they may see:
-- the tickets they are CC'd on / follow are looked up by user, which the primary keys
-- (tenant_id, ticket_id, user_id) cannot serve.
CREATE INDEX IF NOT EXISTS ticket_ccs_user ON ticket_ccs (tenant_id, user_id);
CREATE INDEX IF NOT EXISTS ticket_followers_user ON ticket_followers (tenant_id, user_id);
