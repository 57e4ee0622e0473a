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
--> statement-breakpoint
-- The share an assignment was drawn with and its demo mark are part of the decision it records, like its group.
CREATE OR REPLACE FUNCTION outreach_assignment_unchanging() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'An outreach assignment records a decision: its client, group, date, holdout share and demo mark do not change (assignment %)', OLD.id;
END $$;--> statement-breakpoint
DROP TRIGGER IF EXISTS outreach_assignments_unchanging ON outreach_assignments;--> statement-breakpoint
CREATE TRIGGER outreach_assignments_unchanging BEFORE UPDATE OF client_id, "group", assigned_at, holdout_share, demo ON outreach_assignments FOR EACH ROW
  WHEN (OLD.client_id IS DISTINCT FROM NEW.client_id OR OLD."group" IS DISTINCT FROM NEW."group" OR OLD.assigned_at IS DISTINCT FROM NEW.assigned_at
    OR OLD.holdout_share IS DISTINCT FROM NEW.holdout_share OR OLD.demo IS DISTINCT FROM NEW.demo)
  EXECUTE FUNCTION outreach_assignment_unchanging();
