CREATE TABLE "webhook_rate_buckets" (
	"sender" text PRIMARY KEY NOT NULL,
	"tokens" double precision NOT NULL,
	"granted" integer NOT NULL,
	"refilled_at" timestamp with time zone NOT NULL
);
