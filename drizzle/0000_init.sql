CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('admin', 'marketer', 'stylist');--> statement-breakpoint
CREATE TYPE "public"."budget_band" AS ENUM('under_50', '50_100', '100_200', '200_plus');--> statement-breakpoint
CREATE TYPE "public"."order_status" AS ENUM('placed', 'shipped', 'returned', 'cancelled');--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"email_verified" timestamp with time zone,
	"image" text,
	"role" "user_role" DEFAULT 'stylist' NOT NULL,
	"password_hash" text,
	"deactivated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"stylist_id" uuid,
	"sizes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"preferred_styles" text[] DEFAULT '{}'::text[] NOT NULL,
	"budget_band" "budget_band",
	"notes" text DEFAULT '' NOT NULL,
	"marketing_consent" boolean DEFAULT false NOT NULL,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"last_order_at" timestamp with time zone,
	"order_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"source" text NOT NULL,
	"external_id" text NOT NULL,
	"ordered_at" timestamp with time zone NOT NULL,
	"items_shipped" integer NOT NULL,
	"items_kept" integer NOT NULL,
	"value_cents" integer NOT NULL,
	"currency" char(3) DEFAULT 'USD' NOT NULL,
	"status" "order_status" DEFAULT 'placed' NOT NULL,
	"source_updated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_items_kept_le_shipped" CHECK ("orders"."items_kept" >= 0 AND "orders"."items_kept" <= "orders"."items_shipped"),
	CONSTRAINT "orders_value_nonnegative" CHECK ("orders"."value_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_stylist_id_users_id_fk" FOREIGN KEY ("stylist_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_role_idx" ON "users" USING btree ("role");--> statement-breakpoint
CREATE UNIQUE INDEX "clients_email_lower_key" ON "clients" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "clients_search_trgm_idx" ON "clients" USING gin ((lower("name" || ' ' || "email")) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "clients_name_idx" ON "clients" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "clients_last_order_idx" ON "clients" USING btree (coalesce("last_order_at", '-infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "clients_order_count_idx" ON "clients" USING btree ("order_count","id");--> statement-breakpoint
CREATE INDEX "clients_stylist_name_idx" ON "clients" USING btree ("stylist_id","name","id");--> statement-breakpoint
CREATE INDEX "clients_stylist_last_order_idx" ON "clients" USING btree ("stylist_id",coalesce("last_order_at", '-infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "clients_stylist_order_count_idx" ON "clients" USING btree ("stylist_id","order_count","id");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_source_external_key" ON "orders" USING btree ("source","external_id");--> statement-breakpoint
CREATE INDEX "orders_client_ordered_idx" ON "orders" USING btree ("client_id","ordered_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "orders_ordered_at_idx" ON "orders" USING btree ("ordered_at");--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");