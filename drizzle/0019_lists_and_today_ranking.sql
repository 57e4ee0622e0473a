CREATE TABLE "saved_views" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"query" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "client_scores" ADD COLUMN "value_at_risk_cents" real;--> statement-breakpoint
ALTER TABLE "tier_counts_daily" ADD COLUMN "value_at_risk_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "saved_views_user_name_key" ON "saved_views" USING btree ("user_id",lower("name"));--> statement-breakpoint
CREATE INDEX "client_scores_unscored_score_idx" ON "client_scores" USING btree (coalesce("score", -1),"client_id") WITH (deduplicate_items=false) WHERE "client_scores"."tier" is null;--> statement-breakpoint
CREATE INDEX "client_scores_unscored_p_alive_idx" ON "client_scores" USING btree (coalesce("p_alive", -1),"client_id") WITH (deduplicate_items=false) WHERE "client_scores"."tier" is null;--> statement-breakpoint
CREATE INDEX "client_scores_slipping_value_idx" ON "client_scores" USING btree ("value_at_risk_cents" DESC NULLS LAST,"client_id") WITH (deduplicate_items=false) WHERE "client_scores"."tier" in ('at_risk', 'lapsed');