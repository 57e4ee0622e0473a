ALTER TABLE "clients" ADD COLUMN "profile_version" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "consent_version" timestamp with time zone;