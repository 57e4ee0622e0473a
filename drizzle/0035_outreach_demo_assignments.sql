-- An assignment made for a demo tier override is marked, never measured, and does not count as the client's
-- previous assignment: their first real entry after it is still their first measured one. A demo assignment's own
-- link points at itself, so FIRST_ASSIGNMENT (previous_assigned_at is null) never takes it.
ALTER TABLE "outreach_assignments" ADD COLUMN IF NOT EXISTS "demo" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE OR REPLACE FUNCTION outreach_previous_entries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE outreach_assignments a SET previous_assigned_at = p.previous
  FROM (SELECT a2.id,
          CASE WHEN a2.demo THEN a2.assigned_at
               ELSE lag(a2.assigned_at) OVER (PARTITION BY a2.client_id, a2.demo ORDER BY a2.assigned_at, a2.id) END AS previous
        FROM outreach_assignments a2 WHERE a2.client_id IN (SELECT c.client_id FROM changed c)) p
  WHERE a.id = p.id AND a.previous_assigned_at IS DISTINCT FROM p.previous;
  RETURN NULL;
END $$;
