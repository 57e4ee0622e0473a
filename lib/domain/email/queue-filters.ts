import { z } from "zod";
import { QUEUE_STATUSES } from "./email-figures";
import { RISK_TIERS } from "./policy-settings";

/** The review queue's filters, from the URL. Anything unknown is dropped rather than refused: it is a link, not a form. */
export const queueFiltersSchema = z.object({
  stylist: z.uuid().optional().catch(undefined),
  tier: z.enum(RISK_TIERS).optional().catch(undefined),
  status: z.enum(QUEUE_STATUSES).default("pending").catch("pending"),
});
export type QueueFilters = z.infer<typeof queueFiltersSchema>;
