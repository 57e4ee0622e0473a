-- Snapshots keyed by (as_of, client_id): a full run's rows append at the index's right edge, where the client-first
-- key made every insert visit a leaf of its own. A client's history is then read one probe per run date, plus the
-- few snapshots written one client at a time, which keep an index by client.
-- The new indexes are built before the old ones go: a build lets client pages read meanwhile, where a dropped index
-- locks the table until the migration commits. (On a year of nightly rows the builds take minutes and hold off writes:
-- a large deployment should build them beforehand with CREATE INDEX CONCURRENTLY under the same names.)
CREATE INDEX IF NOT EXISTS "engagement_snapshots_as_of_client_idx" ON "engagement_snapshots" USING btree ("as_of","client_id") WITH (deduplicate_items=false);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "engagement_snapshots_unrun_client_idx" ON "engagement_snapshots" USING btree ("client_id") WHERE "engagement_snapshots"."run_id" is null;--> statement-breakpoint
DROP INDEX "engagement_snapshots_client_idx";--> statement-breakpoint
DROP INDEX "engagement_snapshots_as_of_idx";--> statement-breakpoint
-- Tier changes lose their foreign keys, as the snapshots did: a full run inserts thousands inside the swap's lock,
-- where each check cost 45 µs. The insert joins clients itself; the trigger below removes a deleted client's.
ALTER TABLE "tier_changes" DROP CONSTRAINT "tier_changes_client_id_clients_id_fk";--> statement-breakpoint
ALTER TABLE "tier_changes" DROP CONSTRAINT "tier_changes_run_id_scoring_runs_id_fk";--> statement-breakpoint
-- Hand-written: a deleted client's snapshots, found one probe per run date (a scan by client alone would read every
-- night's rows), and its tier changes. EXECUTE plans each firing for its own number of deleted clients: a plan kept
-- from a bulk delete would scan every snapshot for each later single one.
DROP TRIGGER "clients_delete_snapshots" ON "clients";--> statement-breakpoint
DROP FUNCTION "delete_client_snapshots"();--> statement-breakpoint
CREATE FUNCTION "delete_client_engagement"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE 'DELETE FROM "engagement_snapshots" s USING old_clients o, (SELECT DISTINCT "as_of" FROM "scoring_runs") r
    WHERE s."as_of" = r."as_of" AND s."client_id" = o."id"';
  EXECUTE 'DELETE FROM "engagement_snapshots" s USING old_clients o WHERE s."client_id" = o."id" AND s."run_id" IS NULL';
  EXECUTE 'DELETE FROM "tier_changes" t USING old_clients o WHERE t."client_id" = o."id"';
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "clients_delete_engagement" AFTER DELETE ON "clients" REFERENCING OLD TABLE AS old_clients FOR EACH STATEMENT EXECUTE FUNCTION "delete_client_engagement"();
