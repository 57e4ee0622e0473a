import { z } from "zod";
import { QUEUE_STATUSES } from "./email-figures";
import { RISK_TIERS } from "./policy-settings";
import { daysOutOfOrder, optionalDayParam } from "@/lib/domain/validation";

/**
 * The review queue's filters, from the URL. Anything unknown is dropped rather than refused: it is a link, not a form.
 * `tier=none` and `stylist=unassigned` find emails without a tier or whose client has no stylist; `from`/`to` are the
 * days the emails were drafted (inclusive), as the overview's email figures count them.
 */
export const queueFiltersSchema = z.object({
  stylist: z.union([z.uuid(), z.literal("unassigned")]).optional().catch(undefined),
  tier: z.enum([...RISK_TIERS, "none"]).optional().catch(undefined),
  status: z.enum(QUEUE_STATUSES).default("pending").catch("pending"),
  from: optionalDayParam,
  to: optionalDayParam,
  /** Emails that got this event (opened, clicked) received between `eventFrom` and `eventTo` (inclusive days). */
  event: z.enum(["opened", "clicked"]).optional().catch(undefined),
  eventFrom: optionalDayParam,
  eventTo: optionalDayParam,
  /** A page of older emails: those drafted before this one (newest first, ties by id), as the page's link names it. */
  before: z.uuid().optional().catch(undefined),
});
export type QueueFilters = z.infer<typeof queueFiltersSchema>;

export type EmptyQueueKind = "review" | "none" | "filtered" | "reversed";

/**
 * What an empty queue means: nothing waiting for review (the plain review queue), no emails at all (every status,
 * nothing else narrowing), filters that match nothing, or dates in the wrong order, which nothing can match.
 */
export function emptyQueueKind(filters: QueueFilters): EmptyQueueKind {
  if (daysOutOfOrder(filters.from, filters.to) || daysOutOfOrder(filters.eventFrom, filters.eventTo)) return "reversed";
  const narrowed = Boolean(filters.stylist || filters.tier || filters.from || filters.to || filters.event);
  if (narrowed) return "filtered";
  return filters.status === "pending" ? "review" : filters.status === "all" ? "none" : "filtered";
}

/** The queue URL for these filters (status always named: its default is "pending", not every email). */
export function emailsHref(filters: Partial<QueueFilters>): string {
  const params = new URLSearchParams({ status: filters.status ?? "all" });
  for (const key of ["tier", "stylist", "from", "to", "event", "eventFrom", "eventTo", "before"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return `/emails?${params.toString()}`;
}
