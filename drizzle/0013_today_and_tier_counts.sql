CREATE TABLE "today_snoozes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"snoozed_by" uuid,
	"reason" text NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tier_counts_daily" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tier_counts_daily_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"day" date NOT NULL,
	"stylist_id" uuid,
	"tier" text NOT NULL,
	"clients" integer NOT NULL,
	"score_sum" bigint NOT NULL,
	"score_bands" integer[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "today_snoozes" ADD CONSTRAINT "today_snoozes_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "today_snoozes" ADD CONSTRAINT "today_snoozes_snoozed_by_users_id_fk" FOREIGN KEY ("snoozed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "today_snoozes_client_until_idx" ON "today_snoozes" USING btree ("client_id","until" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "today_snoozes_created_idx" ON "today_snoozes" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tier_counts_daily_day_idx" ON "tier_counts_daily" USING btree ("day","stylist_id");