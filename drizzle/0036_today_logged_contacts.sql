CREATE TYPE "public"."contact_channel" AS ENUM('phone', 'text', 'in_person', 'other');--> statement-breakpoint
CREATE TABLE "client_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"logged_by" uuid,
	"channel" "contact_channel" NOT NULL,
	"note" text,
	"contacted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "client_contacts" ADD CONSTRAINT "client_contacts_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_contacts" ADD CONSTRAINT "client_contacts_logged_by_users_id_fk" FOREIGN KEY ("logged_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_contacts_client_at_idx" ON "client_contacts" USING btree ("client_id","contacted_at" DESC NULLS LAST);--> statement-breakpoint
-- A contact the stylist logged counts for "handled this week" as an email does (see 0021, 0033): a slipping client
-- contacted after their slip gets that week's row.
CREATE FUNCTION today_handled_by_contact() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO today_handled (client_id, week, reason, handled_at)
  SELECT n.client_id, date_trunc('week', n.contacted_at AT TIME ZONE 'UTC')::date, 'contacted', n.contacted_at
  FROM new_contacts n JOIN client_scores s ON s.client_id = n.client_id
  WHERE s.tier IN ('at_risk', 'lapsed') AND n.contacted_at >= today_slipping_since(s.client_id, s.tier, s.scored_at)
  ON CONFLICT (client_id, week) DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER client_contacts_today_handled AFTER INSERT ON client_contacts REFERENCING NEW TABLE AS new_contacts
  FOR EACH STATEMENT EXECUTE FUNCTION today_handled_by_contact();
