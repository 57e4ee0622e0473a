-- Hand-edited: drizzle-kit drops and recreates an index whose settings change; ALTER does it without a rebuild.
-- Lists sorted by score or P(alive) now walk the tier indexes one tier at a time, so the tier-less ones go.
DROP INDEX "client_scores_score_idx";--> statement-breakpoint
DROP INDEX "client_scores_p_alive_idx";--> statement-breakpoint
-- Every key ends in the client id: deduplication finds nothing and only slows a full run's rebuild.
ALTER INDEX "client_scores_tier_score_idx" SET (deduplicate_items = false);--> statement-breakpoint
ALTER INDEX "client_scores_tier_p_alive_idx" SET (deduplicate_items = false);--> statement-breakpoint
-- Snapshots arrive a run at a time in date order: a BRIN index finds one date's rows (a rerun replaces them) at
-- almost no cost per row, where a b-tree holding a million equal keys a night took half a second to keep up.
DROP INDEX "engagement_snapshots_as_of_idx";--> statement-breakpoint
CREATE INDEX "engagement_snapshots_as_of_idx" ON "engagement_snapshots" USING brin ("as_of") WITH (autosummarize=true);
