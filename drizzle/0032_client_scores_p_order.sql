-- The list's copy of each client's chance of an order in 90 days: the calibrated chance the score's outlook used,
-- rather than expected orders from which the list worked out an uncalibrated second estimate. Both changes touch the
-- catalog only (no table rewrite at a million rows): the chance stays empty, read as "no forecast yet", until the
-- next full run (nightly) or a client's own rescoring fills it.
ALTER TABLE "client_scores" ADD COLUMN IF NOT EXISTS "p_order90d" real;--> statement-breakpoint
ALTER TABLE "client_scores" DROP COLUMN IF EXISTS "expected_orders90d";
