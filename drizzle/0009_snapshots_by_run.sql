-- Hand-written: snapshots partitioned by run (LIST on run_id). A full run loads its rows into a table of its own,
-- frozen and without indexes, builds the client index once on it and attaches it as a partition when its scores go
-- live (lib/server/services/engagement/run-snapshots.ts): a third of the cost of inserting them into one big indexed
-- table, and nothing for vacuum to do afterwards. Snapshots written one client at a time (no run) live in the NULL
-- partition. A run's partition is named snapshots_run_ and its id's 32 hex digits, here as in run-snapshots.ts.
-- Existing rows move into the same layout, one partition per run they belong to, and the indexes are built once
-- they are in. This rewrites every snapshot while holding the table: on a year of nightly rows at a million clients,
-- expect minutes, during which client pages wait; run it in a quiet hour.
ALTER TABLE "engagement_snapshots" RENAME TO "engagement_snapshots_unpartitioned";--> statement-breakpoint
CREATE TABLE "engagement_snapshots" (LIKE "engagement_snapshots_unpartitioned" INCLUDING DEFAULTS) PARTITION BY LIST ("run_id");--> statement-breakpoint
CREATE TABLE "engagement_snapshots_unrun" PARTITION OF "engagement_snapshots" FOR VALUES IN (NULL);--> statement-breakpoint
DO $$
DECLARE
  run uuid;
BEGIN
  FOR run IN SELECT DISTINCT "run_id" FROM "engagement_snapshots_unpartitioned" WHERE "run_id" IS NOT NULL LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF "engagement_snapshots" FOR VALUES IN (%L)', 'snapshots_run_' || replace(run::text, '-', ''), run);
  END LOOP;
END $$;
--> statement-breakpoint
INSERT INTO "engagement_snapshots" SELECT * FROM "engagement_snapshots_unpartitioned" ORDER BY "run_id", "client_id";--> statement-breakpoint
DROP TABLE "engagement_snapshots_unpartitioned";--> statement-breakpoint
CREATE INDEX "engagement_snapshots_client_idx" ON "engagement_snapshots" USING btree ("client_id") WITH (deduplicate_items=false);--> statement-breakpoint
-- A full run replaces the single-client snapshots of its own date, as it replaces an earlier run's.
CREATE INDEX "engagement_snapshots_unrun_as_of_idx" ON "engagement_snapshots_unrun" USING btree ("as_of");--> statement-breakpoint
-- A deleted client's snapshots: one probe of each partition's client index. EXECUTE plans each firing for its own
-- number of deleted clients, as before.
CREATE OR REPLACE FUNCTION "delete_client_engagement"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE 'DELETE FROM "engagement_snapshots" s USING old_clients o WHERE s."client_id" = o."id"';
  EXECUTE 'DELETE FROM "tier_changes" t USING old_clients o WHERE t."client_id" = o."id"';
  RETURN NULL;
END $$;
