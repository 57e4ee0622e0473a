-- The overview's email aggregates (email_stats_daily, email_activity_daily; lib/server/db/schema/email-stats.ts), kept
-- as emails are drafted, change state or go, as opens and clicks arrive, and as clients move to another stylist: each
-- in the statement's own transaction, one grouped upsert per statement (transition tables). Days are UTC.
-- rebuild_email_stats() recomputes both wholesale (the nightly sweep), so whatever the triggers cannot see (a client
-- deleted with their emails) is put right by morning.
CREATE FUNCTION email_stats_add(deltas jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO email_stats_daily AS s (day, stylist_id, tier, state, emails)
  SELECT d.day, d.stylist_id, d.tier, d.state, d.emails FROM jsonb_to_recordset(deltas) AS d(day date, stylist_id uuid, tier engagement_tier, state email_state, emails int)
  ON CONFLICT ON CONSTRAINT email_stats_daily_key DO UPDATE SET emails = s.emails + excluded.emails
$$;
--> statement-breakpoint
CREATE FUNCTION email_stats_on_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE changes jsonb; deltas jsonb;
BEGIN
  -- Each branch names only the transition tables its trigger has.
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(x) INTO changes FROM (SELECT n.created_at, n.client_id, n.tier, n.state, 1 AS n FROM new_emails n) x;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(x) INTO changes FROM (SELECT o.created_at, o.client_id, o.tier, o.state, -1 AS n FROM old_emails o) x;
  ELSE
    SELECT jsonb_agg(x) INTO changes FROM (
      SELECT o.created_at, o.client_id, o.tier, o.state, -1 AS n FROM old_emails o
      UNION ALL SELECT n.created_at, n.client_id, n.tier, n.state, 1 FROM new_emails n) x;
  END IF;
  SELECT jsonb_agg(g) INTO deltas FROM (
    SELECT (x.created_at AT TIME ZONE 'UTC')::date AS day, c.stylist_id, x.tier, x.state, sum(x.n)::int AS emails
    FROM jsonb_to_recordset(changes) AS x(created_at timestamptz, client_id uuid, tier engagement_tier, state email_state, n int)
      LEFT JOIN clients c ON c.id = x.client_id
    GROUP BY 1, 2, 3, 4 HAVING sum(x.n) <> 0) g;
  IF deltas IS NOT NULL THEN PERFORM email_stats_add(deltas); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER win_back_emails_stats_insert AFTER INSERT ON win_back_emails REFERENCING NEW TABLE AS new_emails
  FOR EACH STATEMENT EXECUTE FUNCTION email_stats_on_change();
--> statement-breakpoint
CREATE TRIGGER win_back_emails_stats_update AFTER UPDATE ON win_back_emails REFERENCING OLD TABLE AS old_emails NEW TABLE AS new_emails
  FOR EACH STATEMENT EXECUTE FUNCTION email_stats_on_change();
--> statement-breakpoint
CREATE TRIGGER win_back_emails_stats_delete AFTER DELETE ON win_back_emails REFERENCING OLD TABLE AS old_emails
  FOR EACH STATEMENT EXECUTE FUNCTION email_stats_on_change();
--> statement-breakpoint
CREATE FUNCTION email_activity_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO email_activity_daily AS a (day, stylist_id, opened, clicked)
  SELECT (n.received_at AT TIME ZONE 'UTC')::date, c.stylist_id, count(*) FILTER (WHERE n.type = 'opened'), count(*) FILTER (WHERE n.type = 'clicked')
  FROM new_events n JOIN win_back_emails e ON e.id = n.email_id LEFT JOIN clients c ON c.id = e.client_id
  WHERE n.type IN ('opened', 'clicked')
  GROUP BY 1, 2
  ON CONFLICT ON CONSTRAINT email_activity_daily_key DO UPDATE SET opened = a.opened + excluded.opened, clicked = a.clicked + excluded.clicked;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER email_events_activity AFTER INSERT ON email_events REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION email_activity_on_insert();
--> statement-breakpoint
-- A client moving to another stylist takes their emails' counts and activity along.
CREATE FUNCTION email_stats_on_reassign() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE deltas jsonb;
BEGIN
  -- Most updates of clients (an order's summary, a profile edit) move nobody: one look at the changed rows.
  IF NOT EXISTS (SELECT 1 FROM new_clients n JOIN old_clients o ON o.id = n.id WHERE n.stylist_id IS DISTINCT FROM o.stylist_id) THEN
    RETURN NULL;
  END IF;
  WITH moved AS (SELECT n.id, o.stylist_id AS from_stylist, n.stylist_id AS to_stylist FROM new_clients n JOIN old_clients o ON o.id = n.id
    WHERE n.stylist_id IS DISTINCT FROM o.stylist_id)
  SELECT jsonb_agg(g) INTO deltas FROM (
    SELECT (e.created_at AT TIME ZONE 'UTC')::date AS day, s.stylist_id, e.tier, e.state, sum(s.n)::int AS emails
    FROM moved m JOIN win_back_emails e ON e.client_id = m.id
      CROSS JOIN LATERAL (VALUES (m.from_stylist, -1), (m.to_stylist, 1)) s(stylist_id, n)
    GROUP BY 1, 2, 3, 4) g;
  IF deltas IS NOT NULL THEN PERFORM email_stats_add(deltas); END IF;
  WITH moved AS (SELECT n.id, o.stylist_id AS from_stylist, n.stylist_id AS to_stylist FROM new_clients n JOIN old_clients o ON o.id = n.id
    WHERE n.stylist_id IS DISTINCT FROM o.stylist_id)
  INSERT INTO email_activity_daily AS a (day, stylist_id, opened, clicked)
  SELECT (ev.received_at AT TIME ZONE 'UTC')::date, s.stylist_id, coalesce(sum(s.n) FILTER (WHERE ev.type = 'opened'), 0), coalesce(sum(s.n) FILTER (WHERE ev.type = 'clicked'), 0)
  FROM moved m JOIN win_back_emails e ON e.client_id = m.id JOIN email_events ev ON ev.email_id = e.id AND ev.type IN ('opened', 'clicked')
    CROSS JOIN LATERAL (VALUES (m.from_stylist, -1), (m.to_stylist, 1)) s(stylist_id, n)
  GROUP BY 1, 2
  ON CONFLICT ON CONSTRAINT email_activity_daily_key DO UPDATE SET opened = a.opened + excluded.opened, clicked = a.clicked + excluded.clicked;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER clients_email_stats_reassign AFTER UPDATE ON clients REFERENCING OLD TABLE AS old_clients NEW TABLE AS new_clients
  FOR EACH STATEMENT EXECUTE FUNCTION email_stats_on_reassign();
--> statement-breakpoint
CREATE FUNCTION rebuild_email_stats() RETURNS void LANGUAGE sql AS $$
  DELETE FROM email_stats_daily;
  INSERT INTO email_stats_daily (day, stylist_id, tier, state, emails)
  SELECT (e.created_at AT TIME ZONE 'UTC')::date, c.stylist_id, e.tier, e.state, count(*)
  FROM win_back_emails e LEFT JOIN clients c ON c.id = e.client_id GROUP BY 1, 2, 3, 4;
  DELETE FROM email_activity_daily;
  INSERT INTO email_activity_daily (day, stylist_id, opened, clicked)
  SELECT (ev.received_at AT TIME ZONE 'UTC')::date, c.stylist_id, count(*) FILTER (WHERE ev.type = 'opened'), count(*) FILTER (WHERE ev.type = 'clicked')
  FROM email_events ev JOIN win_back_emails e ON e.id = ev.email_id LEFT JOIN clients c ON c.id = e.client_id
  WHERE ev.type IN ('opened', 'clicked') GROUP BY 1, 2;
$$;
--> statement-breakpoint
SELECT rebuild_email_stats();
