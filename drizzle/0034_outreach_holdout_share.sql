-- Each assignment keeps the holdout share it was drawn with, so the uplift compares groups within one share.
-- Assignments made before this migration take the share in force when they were made, from the settings' audit
-- history (every save records the values before and after). The column is added with today's share as its default,
-- which writes no row, and only the assignments made under another share are rewritten: most shops never changed it.
DO $$
DECLARE current_share real := coalesce((SELECT ("value"->>'holdoutShare')::real FROM "app_settings" WHERE "key" = 'win_back'), 0.1);
BEGIN
  EXECUTE format('ALTER TABLE "outreach_assignments" ADD COLUMN IF NOT EXISTS "holdout_share" real NOT NULL DEFAULT %s', current_share);
END $$;--> statement-breakpoint
WITH changes AS MATERIALIZED (
  SELECT "created_at" AS at, ("before"->>'holdoutShare')::real AS before_share, ("after"->>'holdoutShare')::real AS after_share
  FROM "audit_log" WHERE "action" = 'settings.win_back.update'),
in_force AS (
  SELECT a."id", coalesce(
      (SELECT c.after_share FROM changes c WHERE c.at <= a."assigned_at" ORDER BY c.at DESC LIMIT 1),
      (SELECT c.before_share FROM changes c WHERE c.at > a."assigned_at" ORDER BY c.at LIMIT 1)) AS share
  FROM "outreach_assignments" a WHERE EXISTS (SELECT 1 FROM changes))
UPDATE "outreach_assignments" a SET "holdout_share" = f.share
FROM in_force f WHERE f."id" = a."id" AND f.share IS NOT NULL AND f.share IS DISTINCT FROM a."holdout_share";--> statement-breakpoint
ALTER TABLE "outreach_assignments" ALTER COLUMN "holdout_share" DROP DEFAULT;--> statement-breakpoint
DROP INDEX IF EXISTS "outreach_assignments_results_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "outreach_assignments_stylist_results_idx";--> statement-breakpoint
CREATE INDEX "outreach_assignments_results_idx" ON "outreach_assignments" USING btree ("assigned_at","group","first_order_at","previous_assigned_at","holdout_share");--> statement-breakpoint
CREATE INDEX "outreach_assignments_stylist_results_idx" ON "outreach_assignments" USING btree ("stylist_id","assigned_at","group","first_order_at","previous_assigned_at","holdout_share");
