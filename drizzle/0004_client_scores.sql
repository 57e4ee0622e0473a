CREATE TABLE "client_scores" (
	"client_id" uuid PRIMARY KEY NOT NULL,
	"score" smallint,
	"tier" "engagement_tier",
	"p_alive" real,
	"expected_orders90d" real,
	"next_order_expected_at" timestamp with time zone,
	"scored_at" timestamp with time zone
);
--> statement-breakpoint
-- Hand-written: carry the current scores over from clients before their columns go.
INSERT INTO "client_scores" ("client_id", "score", "tier", "p_alive", "expected_orders90d", "next_order_expected_at", "scored_at")
SELECT "id", "engagement_score", "engagement_tier", "p_alive", "expected_orders90d", "next_order_expected_at", "scored_at" FROM "clients";
--> statement-breakpoint
ALTER TABLE "engagement_snapshots" DROP CONSTRAINT "engagement_snapshots_client_id_clients_id_fk";
--> statement-breakpoint
ALTER TABLE "engagement_snapshots" DROP CONSTRAINT "engagement_snapshots_run_id_scoring_runs_id_fk";
--> statement-breakpoint
DROP INDEX "clients_score_idx";--> statement-breakpoint
DROP INDEX "clients_stylist_score_idx";--> statement-breakpoint
DROP INDEX "clients_p_alive_idx";--> statement-breakpoint
DROP INDEX "clients_stylist_p_alive_idx";--> statement-breakpoint
DROP INDEX "clients_tier_idx";--> statement-breakpoint
DROP INDEX "engagement_snapshots_run_idx";--> statement-breakpoint
ALTER TABLE "engagement_snapshots" ADD COLUMN "recency" smallint;--> statement-breakpoint
ALTER TABLE "engagement_snapshots" ADD COLUMN "frequency" smallint;--> statement-breakpoint
ALTER TABLE "engagement_snapshots" ADD COLUMN "value" smallint;--> statement-breakpoint
ALTER TABLE "engagement_snapshots" ADD COLUMN "keep_rate" smallint;--> statement-breakpoint
ALTER TABLE "engagement_snapshots" ADD COLUMN "model_fit_id" uuid;--> statement-breakpoint
-- Hand-written: the components move from JSON into their columns before the JSON column goes.
UPDATE "engagement_snapshots" SET "recency" = ("components"->>'recency')::smallint, "frequency" = ("components"->>'frequency')::smallint,
  "value" = ("components"->>'value')::smallint, "keep_rate" = ("components"->>'keepRate')::smallint;--> statement-breakpoint
ALTER TABLE "client_scores" ADD CONSTRAINT "client_scores_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_scores_score_idx" ON "client_scores" USING btree (coalesce("score", -1),"client_id");--> statement-breakpoint
CREATE INDEX "client_scores_p_alive_idx" ON "client_scores" USING btree (coalesce("p_alive", -1),"client_id");--> statement-breakpoint
CREATE INDEX "client_scores_tier_score_idx" ON "client_scores" USING btree ("tier",coalesce("score", -1),"client_id");--> statement-breakpoint
CREATE INDEX "client_scores_tier_p_alive_idx" ON "client_scores" USING btree ("tier",coalesce("p_alive", -1),"client_id");--> statement-breakpoint
CREATE INDEX "engagement_snapshots_as_of_idx" ON "engagement_snapshots" USING btree ("as_of");--> statement-breakpoint
ALTER TABLE "clients" DROP COLUMN "engagement_score";--> statement-breakpoint
ALTER TABLE "clients" DROP COLUMN "engagement_tier";--> statement-breakpoint
ALTER TABLE "clients" DROP COLUMN "p_alive";--> statement-breakpoint
ALTER TABLE "clients" DROP COLUMN "expected_orders90d";--> statement-breakpoint
ALTER TABLE "clients" DROP COLUMN "next_order_expected_at";--> statement-breakpoint
ALTER TABLE "clients" DROP COLUMN "scored_at";--> statement-breakpoint
ALTER TABLE "engagement_snapshots" DROP COLUMN "id";--> statement-breakpoint
ALTER TABLE "engagement_snapshots" DROP COLUMN "components";--> statement-breakpoint
ALTER TABLE "engagement_snapshots" DROP COLUMN "drivers";--> statement-breakpoint
ALTER TABLE "engagement_snapshots" DROP COLUMN "created_at";--> statement-breakpoint
-- Hand-written: every client has a client_scores row from the moment it exists, whichever path creates it.
CREATE FUNCTION "create_client_scores_row"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "client_scores" ("client_id") SELECT "id" FROM new_clients ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "clients_create_scores_row" AFTER INSERT ON "clients" REFERENCING NEW TABLE AS new_clients FOR EACH STATEMENT EXECUTE FUNCTION "create_client_scores_row"();
--> statement-breakpoint
-- Hand-written: snapshots carry no foreign key (they are written in bulk), so a deleted client's go here.
CREATE FUNCTION "delete_client_snapshots"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "engagement_snapshots" s USING old_clients o WHERE s."client_id" = o."id";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "clients_delete_snapshots" AFTER DELETE ON "clients" REFERENCING OLD TABLE AS old_clients FOR EACH STATEMENT EXECUTE FUNCTION "delete_client_snapshots"();
