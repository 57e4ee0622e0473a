ALTER TYPE "public"."import_status" ADD VALUE 'uploading' BEFORE 'validating';--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "upload_part_bytes" integer;