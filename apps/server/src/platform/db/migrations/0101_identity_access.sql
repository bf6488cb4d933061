-- Which tickets a staff member may see (Actor.ticketAccess), and the indexes sign-in and
-- token management read by.
ALTER TABLE users
  ADD COLUMN ticket_access text NOT NULL DEFAULT 'all' CHECK (ticket_access IN ('all', 'groups', 'assigned'));

CREATE INDEX sessions_user ON sessions (tenant_id, user_id);
CREATE INDEX api_tokens_user ON api_tokens (tenant_id, user_id);
CREATE INDEX audit_log_target ON audit_log (tenant_id, target_type, target_id);
CREATE INDEX login_attempts_updated_at ON login_attempts (updated_at);
