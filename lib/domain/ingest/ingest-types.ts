import type { OrderStatusValue } from "@/lib/domain/orders/order-input";

/** An order as every entry point (our webhook, Shopify, CSV) hands it to the store: already validated. */
export type IngestOrder = {
  externalId: string;
  clientEmail: string;
  clientName: string | null;
  orderedAt: Date;
  /**
   * The calendar day ("2026-01-05") when the source gave a day alone (a CSV cell): stored at noon of that day in the
   * client's timezone, as the order form does, so it shows as that day wherever they are; `orderedAt` is then noon UTC.
   */
  orderedDay?: string;
  /** The sender's last-modified time: a version older than (or as old as) the stored one changes nothing. */
  updatedAt: Date;
  itemsShipped: number;
  itemsKept: number;
  valueCents: number;
  currency: string;
  status: OrderStatusValue;
};

/**
 * A client profile change. Fields left undefined keep what the client has (or the default for a new client).
 * `updatedAt` is its version, as for orders: a change no newer than the stored profile (or, for consent, than the
 * stored consent) changes nothing, so a late or repeated older change never overwrites a newer one.
 */
export type IngestClientProfile = {
  email: string;
  name: string;
  updatedAt: Date;
  sizes?: { top?: string; bottom?: string; dress?: string; shoe?: string };
  preferredStyles?: string[];
  budgetBand?: string | null;
  marketingConsent?: boolean;
  timezone?: string;
  notes?: string;
};

export type ItemOutcome = "created" | "updated" | "unchanged";

export type IngestCounts = { created: number; updated: number; unchanged: number };

export function countOutcomes(outcomes: Iterable<ItemOutcome>): IngestCounts {
  const counts: IngestCounts = { created: 0, updated: 0, unchanged: 0 };
  for (const outcome of outcomes) counts[outcome]++;
  return counts;
}

/** The client's name when a sender gives none: the part of the email before the @. */
export function nameFromEmail(email: string): string {
  return email.split("@")[0]?.slice(0, 120) || email;
}
