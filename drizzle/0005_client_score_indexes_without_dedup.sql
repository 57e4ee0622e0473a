-- Hand-written in place of drizzle-kit's drop and create: the setting only changes how the indexes are built and
-- grown, and their keys are all distinct (each ends in the client id), so nothing needs rebuilding now.
ALTER INDEX "client_scores_score_idx" SET (deduplicate_items = false);--> statement-breakpoint
ALTER INDEX "client_scores_p_alive_idx" SET (deduplicate_items = false);--> statement-breakpoint
ALTER INDEX "client_scores_tier_score_idx" SET (deduplicate_items = false);--> statement-breakpoint
ALTER INDEX "client_scores_tier_p_alive_idx" SET (deduplicate_items = false);
