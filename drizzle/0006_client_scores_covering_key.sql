-- Hand-written: drizzle's schema cannot say INCLUDE, so the snapshot is 0005's.
-- A full rescoring reads each range of clients with the tier their last score gave them, and writes the table back
-- sorted by tier and score (its sort index then builds from presorted input). The key carrying tier and scored_at
-- lets that read come from the index alone, in id order, whatever order the rows sit in.
ALTER TABLE "client_scores" DROP CONSTRAINT "client_scores_pkey";--> statement-breakpoint
ALTER TABLE "client_scores" ADD CONSTRAINT "client_scores_pkey" PRIMARY KEY ("client_id") INCLUDE ("tier", "scored_at");
