import type { Archetype } from "./archetypes";
import type { DemoBudgetBand } from "./catalog";

/** Shapes of generated demo rows. Plain data in camelCase; the seed script maps them onto the tables. */

export const DEMO_ORDER_SOURCE = "demo";

export type DemoRole = "admin" | "marketer" | "stylist";
export type DemoUser = { id: string; name: string; email: string; role: DemoRole };

export type DemoOrderStatus = "placed" | "shipped" | "returned" | "cancelled";

export type DemoOrder = {
  id: string;
  /** `demo-<clientIndex>-<n>`, n counting the client's orders from 1, oldest first. */
  externalId: string;
  orderedAt: Date;
  itemsShipped: number;
  itemsKept: number;
  /** Value of the kept items, in cents. */
  valueCents: number;
  currency: "USD";
  status: DemoOrderStatus;
  /** When the order last changed: shipped and checked out, returned, or cancelled. */
  updatedAt: Date;
};

export type DemoClientSizes = { top?: string; bottom?: string; dress?: string; shoe?: string };

export type DemoClient = {
  /** Position in the generated sequence; the same seed always gives the same client at the same index. */
  index: number;
  archetype: Archetype;
  id: string;
  name: string;
  email: string;
  stylistId: string;
  sizes: DemoClientSizes;
  preferredStyles: string[];
  budgetBand: DemoBudgetBand | null;
  notes: string;
  marketingConsent: boolean;
  timezone: string;
  /** Sign-up time; can be before the two-year order history. */
  createdAt: Date;
  updatedAt: Date;
  /** Latest non-cancelled order, as the order services keep it. */
  lastOrderAt: Date | null;
  /** Non-cancelled orders. */
  orderCount: number;
  orders: DemoOrder[];
};
