-- Today's contact is an email a person wrote, or one a reviewer or the auto-send policy let go: a draft outreach
-- wrote that nobody has reviewed has reached no one, so it keeps its client on Today until it is approved, and counts
-- from its approval (approved_at). The slip date follows Today's SLIPPING_SINCE: for a client scored straight into
-- their tier, their last order.
ALTER TABLE "win_back_emails" ADD COLUMN IF NOT EXISTS "approved_at" timestamp with time zone;--> statement-breakpoint
-- Outreach emails approved before: their last approval, from the transitions. Only outreach emails past review are
-- touched (only theirs is read: a person's email counts from when it was written), not every email at deploy.
UPDATE "win_back_emails" e SET "approved_at" = t.at
FROM (SELECT email_id, max(at) AS at FROM email_transitions WHERE to_state = 'approved' GROUP BY email_id) t
WHERE t.email_id = e.id AND e.origin = 'outreach' AND e.state NOT IN ('draft', 'discarded') AND e.approved_at IS NULL;--> statement-breakpoint
CREATE OR REPLACE FUNCTION today_slipping_since(client uuid, tier engagement_tier, scored_at timestamptz) RETURNS timestamptz
  LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT max(t.changed_at) FROM tier_changes t WHERE t.client_id = client AND t.to_tier = tier),
    (SELECT c.last_order_at + interval '1 microsecond' FROM clients c WHERE c.id = client), scored_at, 'epoch'::timestamptz)
$$;
--> statement-breakpoint
-- An email written past review (a person's, or one stored already approved) counts when written, or approved.
CREATE OR REPLACE FUNCTION today_handled_by_email() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO today_handled (client_id, week, reason, handled_at)
  SELECT n.client_id, date_trunc('week', n.contact_at AT TIME ZONE 'UTC')::date, 'contacted', n.contact_at
  FROM (SELECT client_id, CASE WHEN origin = 'outreach' THEN coalesce(approved_at, created_at) ELSE created_at END AS contact_at
        FROM new_emails WHERE state <> 'discarded' AND NOT (origin = 'outreach' AND state = 'draft')) n
    JOIN client_scores s ON s.client_id = n.client_id
  WHERE s.tier IN ('at_risk', 'lapsed') AND n.contact_at >= today_slipping_since(s.client_id, s.tier, s.scored_at)
  ON CONFLICT (client_id, week) DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- An outreach draft approved (by a reviewer or the policy) counts as contact in the week it was let go. A row trigger
-- on the approval alone (a statement trigger with transition tables would run on every update of every email).
CREATE OR REPLACE FUNCTION today_handled_by_review() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO today_handled (client_id, week, reason, handled_at)
  SELECT NEW.client_id, date_trunc('week', NEW.approved_at AT TIME ZONE 'UTC')::date, 'contacted', NEW.approved_at
  FROM client_scores s
  WHERE s.client_id = NEW.client_id AND s.tier IN ('at_risk', 'lapsed')
    AND NEW.approved_at >= today_slipping_since(s.client_id, s.tier, s.scored_at)
  ON CONFLICT (client_id, week) DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS win_back_emails_reviewed_handled ON win_back_emails;--> statement-breakpoint
CREATE TRIGGER win_back_emails_reviewed_handled AFTER UPDATE OF approved_at ON win_back_emails
  FOR EACH ROW WHEN (NEW.origin = 'outreach' AND NEW.approved_at IS NOT NULL AND NEW.approved_at IS DISTINCT FROM OLD.approved_at)
  EXECUTE FUNCTION today_handled_by_review();
