ALTER TABLE "outreach_assignments" ADD COLUMN "stylist_id" uuid;--> statement-breakpoint
ALTER TABLE "outreach_assignments" ADD COLUMN "started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outreach_assignments" ADD COLUMN "first_order_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "outreach_assignments_email_idx" ON "outreach_assignments" USING btree ("email_id");--> statement-breakpoint
CREATE INDEX "outreach_assignments_results_idx" ON "outreach_assignments" USING btree ("assigned_at","group","started_at","first_order_at");--> statement-breakpoint
CREATE INDEX "outreach_assignments_stylist_results_idx" ON "outreach_assignments" USING btree ("stylist_id","assigned_at","group","started_at","first_order_at");