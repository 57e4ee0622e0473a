DROP INDEX "engagement_snapshots_as_of_idx";--> statement-breakpoint
CREATE INDEX "engagement_snapshots_as_of_idx" ON "engagement_snapshots" USING brin ("as_of") WITH (autosummarize=true);