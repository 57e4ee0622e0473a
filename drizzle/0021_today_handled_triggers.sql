-- "Handled this week" as it happens (see today_handled in lib/server/db/schema/today.ts): a slipping client snoozed,
-- emailed or ordering after their slip gets one row for that week, in the statement's own transaction. Statement
-- triggers with transition tables, so a bulk insert costs one join, not a trigger call per row.
-- The slip is when the client entered their current tier (Today's SLIPPING_SINCE).
CREATE FUNCTION today_slipping_since(client uuid, tier engagement_tier, scored_at timestamptz) RETURNS timestamptz
  LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT max(t.changed_at) FROM tier_changes t WHERE t.client_id = client AND t.to_tier = tier), scored_at, 'epoch'::timestamptz)
$$;
--> statement-breakpoint
CREATE FUNCTION today_handled_by_snooze() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO today_handled (client_id, week, reason, handled_at)
  SELECT n.client_id, date_trunc('week', n.created_at AT TIME ZONE 'UTC')::date, 'snoozed', n.created_at
  FROM new_snoozes n JOIN client_scores s ON s.client_id = n.client_id
  WHERE s.tier IN ('at_risk', 'lapsed')
  ON CONFLICT (client_id, week) DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER today_snoozes_handled AFTER INSERT ON today_snoozes REFERENCING NEW TABLE AS new_snoozes
  FOR EACH STATEMENT EXECUTE FUNCTION today_handled_by_snooze();
--> statement-breakpoint
CREATE FUNCTION today_handled_by_email() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO today_handled (client_id, week, reason, handled_at)
  SELECT n.client_id, date_trunc('week', n.created_at AT TIME ZONE 'UTC')::date, 'contacted', n.created_at
  FROM new_emails n JOIN client_scores s ON s.client_id = n.client_id
  WHERE n.state <> 'discarded' AND s.tier IN ('at_risk', 'lapsed')
    AND n.created_at >= today_slipping_since(s.client_id, s.tier, s.scored_at)
  ON CONFLICT (client_id, week) DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER win_back_emails_handled AFTER INSERT ON win_back_emails REFERENCING NEW TABLE AS new_emails
  FOR EACH STATEMENT EXECUTE FUNCTION today_handled_by_email();
--> statement-breakpoint
-- Only orders after the slip count, as on the Today list (an import of old history counts for nothing).
CREATE FUNCTION today_handled_by_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO today_handled (client_id, week, reason, handled_at)
  SELECT n.client_id, date_trunc('week', n.ordered_at AT TIME ZONE 'UTC')::date, 'ordered', n.ordered_at
  FROM new_orders n JOIN client_scores s ON s.client_id = n.client_id
  WHERE n.status <> 'cancelled' AND s.tier IN ('at_risk', 'lapsed')
    AND n.ordered_at >= today_slipping_since(s.client_id, s.tier, s.scored_at)
  ON CONFLICT (client_id, week) DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER orders_today_handled AFTER INSERT ON orders REFERENCING NEW TABLE AS new_orders
  FOR EACH STATEMENT EXECUTE FUNCTION today_handled_by_order();
--> statement-breakpoint
-- What the last two weeks already hold, as the triggers would have recorded it.
INSERT INTO today_handled (client_id, week, reason, handled_at)
SELECT n.client_id, date_trunc('week', n.at AT TIME ZONE 'UTC')::date, n.reason, n.at
FROM (
  SELECT client_id, created_at AS at, 'snoozed' AS reason, true AS any_time FROM today_snoozes
  UNION ALL SELECT client_id, created_at, 'contacted', false FROM win_back_emails WHERE state <> 'discarded'
  UNION ALL SELECT client_id, ordered_at, 'ordered', false FROM orders WHERE status <> 'cancelled'
) n JOIN client_scores s ON s.client_id = n.client_id
WHERE n.at > now() - interval '14 days' AND s.tier IN ('at_risk', 'lapsed')
  AND (n.any_time OR n.at >= today_slipping_since(s.client_id, s.tier, s.scored_at))
ORDER BY n.at
ON CONFLICT (client_id, week) DO NOTHING;
