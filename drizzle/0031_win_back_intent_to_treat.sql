-- Win-backs are measured by intent to treat: both groups' attribution windows open at the assignment, so an emailed
-- client counts whether or not their email went out (a discarded, regenerated or never-sent draft no longer drops
-- them from the emailed group while the held-out stay). The window's start is the assignment itself: started_at and
-- the trigger that moved it to the send go. Each client is measured once, by their first assignment ever: a later
-- re-entry follows an email or a holdout already given, and the groups' own rules (the holdout's window, the gap
-- after a send, a draft waiting in review) decide who may re-enter, so re-entries would not compare like with like.
-- Each assignment keeps the client's previous one, so the first ones are read from the index alone.
DROP TRIGGER win_back_emails_outreach_results ON win_back_emails;--> statement-breakpoint
DROP FUNCTION outreach_results_on_send();--> statement-breakpoint
DROP TRIGGER outreach_assignments_results ON outreach_assignments;--> statement-breakpoint
CREATE OR REPLACE FUNCTION outreach_assignment_results() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN NEW.stylist_id := (SELECT c.stylist_id FROM clients c WHERE c.id = NEW.client_id); END IF;
  NEW.first_order_at := first_order_since(NEW.client_id, NEW.assigned_at);
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER outreach_assignments_results BEFORE INSERT ON outreach_assignments
  FOR EACH ROW EXECUTE FUNCTION outreach_assignment_results();--> statement-breakpoint
-- An assignment records a decision: its client, group and date never change (the first-order and previous-assignment
-- links are kept on that promise), so an update that tries is refused rather than silently leaving them stale.
CREATE FUNCTION outreach_assignment_unchanging() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'An outreach assignment records a decision: its client, group and date do not change (assignment %)', OLD.id;
END $$;--> statement-breakpoint
CREATE TRIGGER outreach_assignments_unchanging BEFORE UPDATE OF client_id, "group", assigned_at ON outreach_assignments FOR EACH ROW
  WHEN (OLD.client_id IS DISTINCT FROM NEW.client_id OR OLD."group" IS DISTINCT FROM NEW."group" OR OLD.assigned_at IS DISTINCT FROM NEW.assigned_at)
  EXECUTE FUNCTION outreach_assignment_unchanging();--> statement-breakpoint
CREATE OR REPLACE FUNCTION outreach_results_on_new_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE outreach_assignments a SET first_order_at = x.first
  FROM (SELECT a2.id, min(n.ordered_at) AS first FROM new_orders n JOIN outreach_assignments a2 ON a2.client_id = n.client_id
        WHERE n.status <> 'cancelled' AND n.ordered_at >= a2.assigned_at GROUP BY a2.id) x
  WHERE a.id = x.id AND (a.first_order_at IS NULL OR x.first < a.first_order_at);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION outreach_results_on_changed_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE outreach_assignments a SET first_order_at = first_order_since(a.client_id, a.assigned_at)
  FROM (SELECT n.client_id FROM new_orders n JOIN old_orders o ON o.id = n.id
        WHERE n.status IS DISTINCT FROM o.status OR n.ordered_at IS DISTINCT FROM o.ordered_at OR n.client_id IS DISTINCT FROM o.client_id
        UNION
        SELECT o.client_id FROM new_orders n JOIN old_orders o ON o.id = n.id WHERE n.client_id IS DISTINCT FROM o.client_id) x
  WHERE a.client_id = x.client_id;
  RETURN NULL;
END $$;--> statement-breakpoint
DROP INDEX "outreach_assignments_results_idx";--> statement-breakpoint
DROP INDEX "outreach_assignments_stylist_results_idx";--> statement-breakpoint
ALTER TABLE "outreach_assignments" DROP COLUMN "started_at";--> statement-breakpoint
ALTER TABLE "outreach_assignments" ADD COLUMN "previous_assigned_at" timestamp with time zone;--> statement-breakpoint
-- The previous assignment of each client the statement inserted or deleted for, looked up again for all of that
-- client's assignments (a handful), so an insert out of date order or a deletion leaves no stale link. The update
-- sets only previous_assigned_at, which fires none of the triggers on this table.
CREATE FUNCTION outreach_previous_entries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE outreach_assignments a SET previous_assigned_at = p.previous
  FROM (SELECT a2.id, lag(a2.assigned_at) OVER (PARTITION BY a2.client_id ORDER BY a2.assigned_at, a2.id) AS previous
        FROM outreach_assignments a2 WHERE a2.client_id IN (SELECT c.client_id FROM changed c)) p
  WHERE a.id = p.id AND a.previous_assigned_at IS DISTINCT FROM p.previous;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER outreach_assignments_previous_insert AFTER INSERT ON outreach_assignments REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION outreach_previous_entries();--> statement-breakpoint
CREATE TRIGGER outreach_assignments_previous_delete AFTER DELETE ON outreach_assignments REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION outreach_previous_entries();--> statement-breakpoint
UPDATE outreach_assignments a SET first_order_at = first_order_since(a.client_id, a.assigned_at),
  previous_assigned_at = (SELECT max(p.assigned_at) FROM outreach_assignments p WHERE p.client_id = a.client_id AND (p.assigned_at, p.id) < (a.assigned_at, a.id));--> statement-breakpoint
CREATE INDEX "outreach_assignments_results_idx" ON "outreach_assignments" USING btree ("assigned_at","group","first_order_at","previous_assigned_at");--> statement-breakpoint
CREATE INDEX "outreach_assignments_stylist_results_idx" ON "outreach_assignments" USING btree ("stylist_id","assigned_at","group","first_order_at","previous_assigned_at");
