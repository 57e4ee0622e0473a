-- Each assignment keeps the holdout share it was drawn with, so the uplift compares groups within one share.
-- Assignments made before this migration take the share in force now (the one record of it); see docs/email.md.
ALTER TABLE "outreach_assignments" ADD COLUMN IF NOT EXISTS "holdout_share" real;--> statement-breakpoint
UPDATE "outreach_assignments" SET "holdout_share" = coalesce((SELECT ("value"->>'holdoutShare')::real FROM "app_settings" WHERE "key" = 'win_back'), 0.1) WHERE "holdout_share" IS NULL;--> statement-breakpoint
ALTER TABLE "outreach_assignments" ALTER COLUMN "holdout_share" SET NOT NULL;--> statement-breakpoint
DROP INDEX IF EXISTS "outreach_assignments_results_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "outreach_assignments_stylist_results_idx";--> statement-breakpoint
CREATE INDEX "outreach_assignments_results_idx" ON "outreach_assignments" USING btree ("assigned_at","group","first_order_at","previous_assigned_at","holdout_share");--> statement-breakpoint
CREATE INDEX "outreach_assignments_stylist_results_idx" ON "outreach_assignments" USING btree ("stylist_id","assigned_at","group","first_order_at","previous_assigned_at","holdout_share");
