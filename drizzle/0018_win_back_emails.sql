CREATE TYPE "public"."email_origin" AS ENUM('stylist', 'outreach');--> statement-breakpoint
CREATE TYPE "public"."email_state" AS ENUM('draft', 'approved', 'scheduled', 'sending', 'sent', 'delivered', 'opened', 'clicked', 'bounced', 'complained', 'failed', 'discarded');--> statement-breakpoint
CREATE TYPE "public"."email_writer" AS ENUM('model', 'offline', 'offline_fallback', 'person');--> statement-breakpoint
CREATE TYPE "public"."outreach_group" AS ENUM('emailed', 'holdout');--> statement-breakpoint
CREATE TYPE "public"."suppression_reason" AS ENUM('unsubscribed', 'bounced', 'complained', 'manual');--> statement-breakpoint
CREATE TABLE "email_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "email_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"delivery_id" text NOT NULL,
	"email_id" uuid,
	"provider_id" text,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_events_deliveryId_unique" UNIQUE("delivery_id")
);
--> statement-breakpoint
CREATE TABLE "email_send_pacer" (
	"id" smallint PRIMARY KEY NOT NULL,
	"next_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_suppressions" (
	"address" text PRIMARY KEY NOT NULL,
	"reason" "suppression_reason" NOT NULL,
	"email_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_transitions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "email_transitions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"email_id" uuid NOT NULL,
	"from_state" "email_state",
	"to_state" "email_state" NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outreach_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"tier" "engagement_tier" NOT NULL,
	"group" "outreach_group" NOT NULL,
	"email_id" uuid,
	"score" real,
	"entered_at" timestamp with time zone NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "win_back_emails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"state" "email_state" DEFAULT 'draft' NOT NULL,
	"origin" "email_origin" NOT NULL,
	"tier" "engagement_tier",
	"subject" text NOT NULL,
	"preheader" text DEFAULT '' NOT NULL,
	"body" text NOT NULL,
	"call_to_action" text NOT NULL,
	"facts_used" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"writer" "email_writer" NOT NULL,
	"model" text,
	"writer_note" text,
	"to_address" text NOT NULL,
	"scheduled_for" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"provider_id" text,
	"transport" text,
	"discard_reason" text,
	"last_error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_signature" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "voice_note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "local_mailbox" ADD COLUMN "headers" jsonb;--> statement-breakpoint
ALTER TABLE "email_events" ADD CONSTRAINT "email_events_email_id_win_back_emails_id_fk" FOREIGN KEY ("email_id") REFERENCES "public"."win_back_emails"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_suppressions" ADD CONSTRAINT "email_suppressions_email_id_win_back_emails_id_fk" FOREIGN KEY ("email_id") REFERENCES "public"."win_back_emails"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_transitions" ADD CONSTRAINT "email_transitions_email_id_win_back_emails_id_fk" FOREIGN KEY ("email_id") REFERENCES "public"."win_back_emails"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_transitions" ADD CONSTRAINT "email_transitions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_assignments" ADD CONSTRAINT "outreach_assignments_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_assignments" ADD CONSTRAINT "outreach_assignments_email_id_win_back_emails_id_fk" FOREIGN KEY ("email_id") REFERENCES "public"."win_back_emails"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "win_back_emails" ADD CONSTRAINT "win_back_emails_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "win_back_emails" ADD CONSTRAINT "win_back_emails_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "email_events_email_idx" ON "email_events" USING btree ("email_id");--> statement-breakpoint
CREATE INDEX "email_events_type_idx" ON "email_events" USING btree ("type","received_at");--> statement-breakpoint
CREATE INDEX "email_transitions_email_idx" ON "email_transitions" USING btree ("email_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "outreach_assignments_entry_key" ON "outreach_assignments" USING btree ("client_id","entered_at");--> statement-breakpoint
CREATE INDEX "outreach_assignments_assigned_idx" ON "outreach_assignments" USING btree ("assigned_at");--> statement-breakpoint
CREATE INDEX "win_back_emails_client_idx" ON "win_back_emails" USING btree ("client_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "win_back_emails_state_idx" ON "win_back_emails" USING btree ("state","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "win_back_emails_tier_state_idx" ON "win_back_emails" USING btree ("tier","state");--> statement-breakpoint
CREATE INDEX "win_back_emails_sent_idx" ON "win_back_emails" USING btree ("sent_at") WHERE "win_back_emails"."sent_at" is not null;--> statement-breakpoint
CREATE INDEX "win_back_emails_due_idx" ON "win_back_emails" USING btree ("scheduled_for") WHERE "win_back_emails"."state" = 'scheduled';--> statement-breakpoint
CREATE UNIQUE INDEX "win_back_emails_one_in_flight_key" ON "win_back_emails" USING btree ("client_id") WHERE "win_back_emails"."state" in ('draft', 'approved', 'scheduled', 'sending');