-- The list's copy of each client's chance of an order in 90 days: the calibrated chance the score's outlook used,
-- rather than expected orders from which the list worked out an uncalibrated second estimate. Until the next run
-- rewrites it, it holds that old estimate.
ALTER TABLE "client_scores" ADD COLUMN "p_order90d" real;--> statement-breakpoint
UPDATE "client_scores" SET "p_order90d" = CASE
  WHEN "p_alive" IS NULL OR "expected_orders90d" IS NULL THEN NULL
  WHEN "p_alive" <= 0 OR "expected_orders90d" <= 0 THEN 0
  ELSE round((least("p_alive", 1) * (1 - exp(-"expected_orders90d" / least("p_alive", 1))))::numeric, 2) END
WHERE "p_alive" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "client_scores" DROP COLUMN "expected_orders90d";
