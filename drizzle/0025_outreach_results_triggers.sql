-- What a win-back count needs, kept on each outreach assignment (lib/server/db/schema/emails.ts): the client's stylist,
-- when the attribution window opened (the holdout decision, or the email's send) and the first order at or after it.
-- Whether that order falls inside the window is left to the reader, since the window is a setting.
CREATE FUNCTION first_order_since(client uuid, since timestamptz) RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT min(o.ordered_at) FROM orders o WHERE o.client_id = client AND o.status <> 'cancelled' AND o.ordered_at >= since
$$;
--> statement-breakpoint
CREATE FUNCTION outreach_assignment_results() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN NEW.stylist_id := (SELECT c.stylist_id FROM clients c WHERE c.id = NEW.client_id); END IF;
  NEW.started_at := CASE WHEN NEW."group" = 'holdout' THEN NEW.assigned_at ELSE (SELECT e.sent_at FROM win_back_emails e WHERE e.id = NEW.email_id) END;
  NEW.first_order_at := CASE WHEN NEW.started_at IS NULL THEN NULL ELSE first_order_since(NEW.client_id, NEW.started_at) END;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER outreach_assignments_results BEFORE INSERT OR UPDATE OF email_id, "group", assigned_at ON outreach_assignments
  FOR EACH ROW EXECUTE FUNCTION outreach_assignment_results();
--> statement-breakpoint
CREATE FUNCTION outreach_results_on_send() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE outreach_assignments a SET started_at = n.sent_at,
    first_order_at = CASE WHEN n.sent_at IS NULL THEN NULL ELSE first_order_since(a.client_id, n.sent_at) END
  FROM new_emails n JOIN old_emails o ON o.id = n.id
  WHERE a.email_id = n.id AND a."group" = 'emailed' AND n.sent_at IS DISTINCT FROM o.sent_at;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER win_back_emails_outreach_results AFTER UPDATE ON win_back_emails REFERENCING OLD TABLE AS old_emails NEW TABLE AS new_emails
  FOR EACH STATEMENT EXECUTE FUNCTION outreach_results_on_send();
--> statement-breakpoint
CREATE FUNCTION outreach_results_on_new_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE outreach_assignments a SET first_order_at = x.first
  FROM (SELECT a2.id, min(n.ordered_at) AS first FROM new_orders n JOIN outreach_assignments a2 ON a2.client_id = n.client_id
        WHERE n.status <> 'cancelled' AND a2.started_at IS NOT NULL AND n.ordered_at >= a2.started_at GROUP BY a2.id) x
  WHERE a.id = x.id AND (a.first_order_at IS NULL OR x.first < a.first_order_at);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER orders_outreach_results_insert AFTER INSERT ON orders REFERENCING NEW TABLE AS new_orders
  FOR EACH STATEMENT EXECUTE FUNCTION outreach_results_on_new_orders();
--> statement-breakpoint
-- An order cancelled or moved in time: its clients' first orders are looked up again.
CREATE FUNCTION outreach_results_on_changed_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE outreach_assignments a SET first_order_at = first_order_since(a.client_id, a.started_at)
  FROM (SELECT DISTINCT n.client_id FROM new_orders n JOIN old_orders o ON o.id = n.id
        WHERE n.status IS DISTINCT FROM o.status OR n.ordered_at IS DISTINCT FROM o.ordered_at OR n.client_id IS DISTINCT FROM o.client_id) x
  WHERE a.client_id = x.client_id AND a.started_at IS NOT NULL;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER orders_outreach_results_update AFTER UPDATE ON orders REFERENCING OLD TABLE AS old_orders NEW TABLE AS new_orders
  FOR EACH STATEMENT EXECUTE FUNCTION outreach_results_on_changed_orders();
--> statement-breakpoint
CREATE FUNCTION outreach_stylist_on_reassign() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE outreach_assignments a SET stylist_id = n.stylist_id
  FROM new_clients n JOIN old_clients o ON o.id = n.id
  WHERE a.client_id = n.id AND n.stylist_id IS DISTINCT FROM o.stylist_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER clients_outreach_stylist AFTER UPDATE ON clients REFERENCING OLD TABLE AS old_clients NEW TABLE AS new_clients
  FOR EACH STATEMENT EXECUTE FUNCTION outreach_stylist_on_reassign();
--> statement-breakpoint
UPDATE outreach_assignments a SET stylist_id = c.stylist_id,
  started_at = CASE WHEN a."group" = 'holdout' THEN a.assigned_at ELSE (SELECT e.sent_at FROM win_back_emails e WHERE e.id = a.email_id) END
FROM clients c WHERE c.id = a.client_id;
--> statement-breakpoint
UPDATE outreach_assignments SET first_order_at = first_order_since(client_id, started_at) WHERE started_at IS NOT NULL;
