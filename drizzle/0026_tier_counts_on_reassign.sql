-- The overview's tier counts move on events (lib/server/engagement/apply-tier-count-deltas.ts): this function applies
-- a set of per (stylist, tier) deltas to the latest day's rows, copying them to `today` first when the latest day is
-- earlier, one change at a time (a transaction-scoped advisory lock). The TypeScript side calls it for rescoring and
-- demo overrides; the trigger below for clients moving to another stylist, whichever path moves them.
CREATE FUNCTION tier_counts_apply(deltas jsonb, today date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE latest date; target date;
BEGIN
  IF deltas IS NULL OR jsonb_array_length(deltas) = 0 THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock(hashtext('tier_counts_daily'));
  SELECT max(day) INTO latest FROM tier_counts_daily;
  IF latest IS NULL THEN RETURN; END IF;
  target := greatest(latest, today);
  IF target <> latest THEN
    INSERT INTO tier_counts_daily (day, stylist_id, tier, clients, score_sum, score_bands, value_at_risk_cents)
    SELECT target, stylist_id, tier, clients, score_sum, score_bands, value_at_risk_cents FROM tier_counts_daily WHERE day = latest;
  END IF;
  WITH d AS (
    SELECT * FROM jsonb_to_recordset(deltas) AS d("stylistId" uuid, tier text, clients int, "scoreSum" bigint, "scoreBands" int[], "valueAtRiskCents" bigint)),
  moved AS (
    UPDATE tier_counts_daily t SET clients = t.clients + d.clients, score_sum = t.score_sum + d."scoreSum", value_at_risk_cents = t.value_at_risk_cents + d."valueAtRiskCents",
      score_bands = (SELECT array_agg(b.n + coalesce(d."scoreBands"[b.i], 0) ORDER BY b.i) FROM unnest(t.score_bands) WITH ORDINALITY b(n, i))
    FROM d WHERE t.day = target AND t.stylist_id IS NOT DISTINCT FROM d."stylistId" AND t.tier = d.tier
    RETURNING t.stylist_id, t.tier)
  INSERT INTO tier_counts_daily (day, stylist_id, tier, clients, score_sum, score_bands, value_at_risk_cents)
  SELECT target, d."stylistId", d.tier, d.clients, d."scoreSum", d."scoreBands", d."valueAtRiskCents" FROM d
  WHERE NOT EXISTS (SELECT 1 FROM moved m WHERE m.stylist_id IS NOT DISTINCT FROM d."stylistId" AND m.tier = d.tier);
END $$;
--> statement-breakpoint
-- Clients moving to another stylist take their place in the counts along (in the tier the overview shows them in).
CREATE FUNCTION tier_counts_on_reassign() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE deltas jsonb;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_clients n JOIN old_clients o ON o.id = n.id WHERE n.stylist_id IS DISTINCT FROM o.stylist_id) THEN
    RETURN NULL;
  END IF;
  WITH moves AS (
    SELECT n.id, m.stylist_id, m.n FROM new_clients n JOIN old_clients o ON o.id = n.id
      CROSS JOIN LATERAL (VALUES (o.stylist_id, -1), (n.stylist_id, 1)) m(stylist_id, n)
    WHERE n.stylist_id IS DISTINCT FROM o.stylist_id)
  SELECT jsonb_agg(g) INTO deltas FROM (
    SELECT m.stylist_id AS "stylistId", coalesce(ov.tier, s.tier)::text AS tier, sum(m.n)::int AS clients, sum(m.n * s.score)::bigint AS "scoreSum",
      ARRAY[coalesce(sum(m.n) FILTER (WHERE least(s.score / 10, 9) = 0), 0),
      coalesce(sum(m.n) FILTER (WHERE least(s.score / 10, 9) = 1), 0),
      coalesce(sum(m.n) FILTER (WHERE least(s.score / 10, 9) = 2), 0),
      coalesce(sum(m.n) FILTER (WHERE least(s.score / 10, 9) = 3), 0),
      coalesce(sum(m.n) FILTER (WHERE least(s.score / 10, 9) = 4), 0),
      coalesce(sum(m.n) FILTER (WHERE least(s.score / 10, 9) = 5), 0),
      coalesce(sum(m.n) FILTER (WHERE least(s.score / 10, 9) = 6), 0),
      coalesce(sum(m.n) FILTER (WHERE least(s.score / 10, 9) = 7), 0),
      coalesce(sum(m.n) FILTER (WHERE least(s.score / 10, 9) = 8), 0),
      coalesce(sum(m.n) FILTER (WHERE least(s.score / 10, 9) = 9), 0)] AS "scoreBands",
      round(sum(m.n * coalesce(s.value_at_risk_cents, 0)))::bigint AS "valueAtRiskCents"
    FROM moves m JOIN client_scores s ON s.client_id = m.id
      LEFT JOIN demo_tier_overrides ov ON ov.client_id = m.id AND ov.expires_at > now()
    WHERE s.tier IS NOT NULL AND s.score IS NOT NULL
    GROUP BY 1, 2) g;
  PERFORM tier_counts_apply(deltas, (now() AT TIME ZONE 'UTC')::date);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER clients_tier_counts_reassign AFTER UPDATE ON clients REFERENCING OLD TABLE AS old_clients NEW TABLE AS new_clients
  FOR EACH STATEMENT EXECUTE FUNCTION tier_counts_on_reassign();
