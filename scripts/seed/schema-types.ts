import type { budgetBand, OrderStatus, UserRole } from "@/lib/server/db/schema";

/**
 * The schema's enum types, for annotating demo values as they are written: if the demo generator ever
 * produces a value the database enum lacks, the seed stops compiling instead of failing mid-load.
 */
export type BudgetBand = (typeof budgetBand.enumValues)[number];
export type { OrderStatus, UserRole };
