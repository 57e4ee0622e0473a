CREATE TYPE "public"."engagement_tier" AS ENUM('healthy', 'watch', 'at_risk', 'lapsed');--> statement-breakpoint
CREATE TYPE "public"."scoring_run_status" AS ENUM('queued', 'running', 'succeeded', 'failed');--> statement-breakpoint
CREATE TABLE "engagement_snapshots" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "engagement_snapshots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"client_id" uuid NOT NULL,
	"run_id" uuid,
	"as_of" timestamp with time zone NOT NULL,
	"score" smallint NOT NULL,
	"tier" "engagement_tier" NOT NULL,
	"components" jsonb NOT NULL,
	"drivers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"p_alive" real,
	"expected_orders90d" real,
	"next_order_expected_at" timestamp with time zone,
	"model_version" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "model_fits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"model" text NOT NULL,
	"version" text NOT NULL,
	"params" jsonb NOT NULL,
	"log_likelihood" real,
	"customers" integer NOT NULL,
	"distinct_histories" integer,
	"as_of" timestamp with time zone NOT NULL,
	"fitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scoring_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" "scoring_run_status" DEFAULT 'queued' NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"model_fit_id" uuid,
	"error" text,
	"started_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "tier_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tier_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"client_id" uuid NOT NULL,
	"run_id" uuid,
	"from_tier" "engagement_tier",
	"to_tier" "engagement_tier" NOT NULL,
	"score" smallint NOT NULL,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "engagement_score" smallint;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "engagement_tier" "engagement_tier";--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "p_alive" real;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "expected_orders90d" real;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "next_order_expected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "scored_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "engagement_snapshots" ADD CONSTRAINT "engagement_snapshots_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_snapshots" ADD CONSTRAINT "engagement_snapshots_run_id_scoring_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."scoring_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scoring_runs" ADD CONSTRAINT "scoring_runs_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_changes" ADD CONSTRAINT "tier_changes_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_changes" ADD CONSTRAINT "tier_changes_run_id_scoring_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."scoring_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "engagement_snapshots_client_idx" ON "engagement_snapshots" USING btree ("client_id","as_of" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "engagement_snapshots_run_idx" ON "engagement_snapshots" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "model_fits_model_fitted_idx" ON "model_fits" USING btree ("model","fitted_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "scoring_runs_created_idx" ON "scoring_runs" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tier_changes_client_idx" ON "tier_changes" USING btree ("client_id","changed_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tier_changes_changed_idx" ON "tier_changes" USING btree ("changed_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "clients_score_idx" ON "clients" USING btree (coalesce("engagement_score", -1),"id");--> statement-breakpoint
CREATE INDEX "clients_stylist_score_idx" ON "clients" USING btree ("stylist_id",coalesce("engagement_score", -1),"id");--> statement-breakpoint
CREATE INDEX "clients_p_alive_idx" ON "clients" USING btree (coalesce("p_alive", -1),"id");--> statement-breakpoint
CREATE INDEX "clients_stylist_p_alive_idx" ON "clients" USING btree ("stylist_id",coalesce("p_alive", -1),"id");--> statement-breakpoint
CREATE INDEX "clients_tier_idx" ON "clients" USING btree ("engagement_tier","stylist_id");