CREATE TABLE "demo_tier_overrides" (
	"client_id" uuid PRIMARY KEY NOT NULL,
	"tier" "engagement_tier" NOT NULL,
	"from_tier" "engagement_tier" NOT NULL,
	"set_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "demo_tier_overrides" ADD CONSTRAINT "demo_tier_overrides_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demo_tier_overrides" ADD CONSTRAINT "demo_tier_overrides_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "demo_tier_overrides_expires_idx" ON "demo_tier_overrides" USING btree ("expires_at");