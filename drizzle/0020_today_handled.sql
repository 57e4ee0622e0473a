CREATE TABLE "today_handled" (
	"client_id" uuid NOT NULL,
	"week" date NOT NULL,
	"reason" text NOT NULL,
	"handled_at" timestamp with time zone NOT NULL,
	CONSTRAINT "today_handled_client_id_week_pk" PRIMARY KEY("client_id","week")
);
--> statement-breakpoint
ALTER TABLE "today_handled" ADD CONSTRAINT "today_handled_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "today_handled_week_idx" ON "today_handled" USING btree ("week","client_id");