CREATE TYPE "public"."engine_run_status" AS ENUM('debouncing', 'queued', 'running', 'completed', 'failed', 'cancelled');--> statement-breakpoint
CREATE TABLE "import_file_parts" (
	"job_id" uuid NOT NULL,
	"file" text NOT NULL,
	"part" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "import_file_parts_job_id_file_part_pk" PRIMARY KEY("job_id","file","part")
);
--> statement-breakpoint
CREATE TABLE "engine_apps" (
	"app_id" text PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"functions" jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"first_synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "engine_cron_fires" (
	"function_id" text NOT NULL,
	"slot" timestamp with time zone NOT NULL,
	"run_id" uuid,
	CONSTRAINT "engine_cron_fires_function_id_slot_pk" PRIMARY KEY("function_id","slot")
);
--> statement-breakpoint
CREATE TABLE "engine_events" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"data" jsonb NOT NULL,
	"ts" bigint NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "engine_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"app_id" text NOT NULL,
	"function_id" text NOT NULL,
	"function_name" text NOT NULL,
	"status" "engine_run_status" DEFAULT 'queued' NOT NULL,
	"events" jsonb NOT NULL,
	"steps" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"stack" text[] DEFAULT '{}'::text[] NOT NULL,
	"planned" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sleeping_step" text,
	"attempt" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	"next_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"lease_token" uuid,
	"concurrency_key" text,
	"concurrency_limit" integer,
	"debounce_key" text,
	"debounce_until" timestamp with time zone,
	"output" jsonb,
	"error" jsonb,
	"replay_of" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "engine_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"step_id" text NOT NULL,
	"name" text NOT NULL,
	"op" text NOT NULL,
	"attempt" integer NOT NULL,
	"outcome" text NOT NULL,
	"error" text,
	"started_at" timestamp with time zone NOT NULL,
	"duration_ms" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"forwarded_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
ALTER TABLE "import_file_parts" ADD CONSTRAINT "import_file_parts_job_id_import_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."import_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engine_steps" ADD CONSTRAINT "engine_steps_run_id_engine_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."engine_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "engine_events_received_idx" ON "engine_events" USING btree ("received_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "engine_runs_due_idx" ON "engine_runs" USING btree ("next_at") WHERE "engine_runs"."status" in ('queued', 'debouncing', 'running');--> statement-breakpoint
CREATE INDEX "engine_runs_created_idx" ON "engine_runs" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "engine_runs_concurrency_idx" ON "engine_runs" USING btree ("function_id","concurrency_key") WHERE "engine_runs"."status" = 'running';--> statement-breakpoint
CREATE UNIQUE INDEX "engine_runs_debounce_key" ON "engine_runs" USING btree ("function_id","debounce_key") WHERE "engine_runs"."status" = 'debouncing';--> statement-breakpoint
CREATE INDEX "engine_steps_run_idx" ON "engine_steps" USING btree ("run_id","started_at");--> statement-breakpoint
CREATE INDEX "event_outbox_unforwarded_idx" ON "event_outbox" USING btree ("created_at") WHERE "event_outbox"."forwarded_at" is null;