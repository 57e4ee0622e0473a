-- Today's contact is an email a person wrote, or one someone (or the auto-send policy) let go: a draft that outreach
-- wrote and nobody has reviewed yet has reached no one, so it keeps its client on Today until it is approved.
-- The slip date follows Today's SLIPPING_SINCE: for a client scored straight into their tier, their last order.
CREATE OR REPLACE FUNCTION today_slipping_since(client uuid, tier engagement_tier, scored_at timestamptz) RETURNS timestamptz
  LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT max(t.changed_at) FROM tier_changes t WHERE t.client_id = client AND t.to_tier = tier),
    (SELECT c.last_order_at + interval '1 microsecond' FROM clients c WHERE c.id = client), scored_at, 'epoch'::timestamptz)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION today_handled_by_email() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO today_handled (client_id, week, reason, handled_at)
  SELECT n.client_id, date_trunc('week', n.created_at AT TIME ZONE 'UTC')::date, 'contacted', n.created_at
  FROM new_emails n JOIN client_scores s ON s.client_id = n.client_id
  WHERE n.state <> 'discarded' AND NOT (n.origin = 'outreach' AND n.state = 'draft') AND s.tier IN ('at_risk', 'lapsed')
    AND n.created_at >= today_slipping_since(s.client_id, s.tier, s.scored_at)
  ON CONFLICT (client_id, week) DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- An outreach draft approved (by a reviewer or the policy) counts as contact in the week it was let go.
CREATE FUNCTION today_handled_by_review() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO today_handled (client_id, week, reason, handled_at)
  SELECT n.client_id, date_trunc('week', n.updated_at AT TIME ZONE 'UTC')::date, 'contacted', n.updated_at
  FROM new_emails n JOIN old_emails o ON o.id = n.id JOIN client_scores s ON s.client_id = n.client_id
  WHERE o.state = 'draft' AND n.state NOT IN ('draft', 'discarded') AND n.origin = 'outreach' AND s.tier IN ('at_risk', 'lapsed')
    AND n.created_at >= today_slipping_since(s.client_id, s.tier, s.scored_at)
  ON CONFLICT (client_id, week) DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER win_back_emails_reviewed_handled AFTER UPDATE ON win_back_emails REFERENCING OLD TABLE AS old_emails NEW TABLE AS new_emails
  FOR EACH STATEMENT EXECUTE FUNCTION today_handled_by_review();
