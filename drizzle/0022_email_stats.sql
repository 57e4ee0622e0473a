CREATE TABLE "email_activity_daily" (
	"day" date NOT NULL,
	"stylist_id" uuid,
	"opened" integer NOT NULL,
	"clicked" integer NOT NULL,
	CONSTRAINT "email_activity_daily_key" UNIQUE NULLS NOT DISTINCT("day","stylist_id")
);
--> statement-breakpoint
CREATE TABLE "email_stats_daily" (
	"day" date NOT NULL,
	"stylist_id" uuid,
	"tier" "engagement_tier",
	"state" "email_state" NOT NULL,
	"emails" integer NOT NULL,
	CONSTRAINT "email_stats_daily_key" UNIQUE NULLS NOT DISTINCT("day","stylist_id","tier","state")
);
