-- Staff match a ticket's whole text through one vector: staff_vec (public and internal text)
-- where the ticket has internal notes, public_vec elsewhere. One GIN expression index serves it,
-- so a staff search is a plain index match (no OR, no per-row concatenation), and exclusions
-- (-word) see the notes. Replaces internal_vec and the indexes of 0450/0451.
DROP INDEX search_tickets_staff;
ALTER TABLE search_tickets DROP COLUMN internal_vec;
ALTER TABLE search_tickets ADD COLUMN staff_vec tsvector;
CREATE INDEX search_tickets_staff ON search_tickets USING gin ((coalesce(staff_vec, public_vec)));
