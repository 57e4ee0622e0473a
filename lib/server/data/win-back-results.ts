import "server-only";
import { type SQL, sql } from "drizzle-orm";

/**
 * Whether the assignment `a` was won back: the client ordered within the attribution window after the assignment
 * (`first_order_at`, kept by triggers, is the first order since). Both groups' windows open at the assignment: the
 * measure is intent to treat, so an emailed client counts whether or not their email went out, and dropping a draft
 * cannot move clients out of one group only. The one definition of a win-back, for the counts and the lists behind them.
 */
export function wonBackCondition(attributionDays: number): SQL {
  return sql`a.first_order_at < a.assigned_at + make_interval(days => ${attributionDays})`;
}

/**
 * Whether the assignment `a` is its client's first ever (no previous one, a link kept by a trigger): the only one
 * measured. A later re-entry follows the email or holdout the client already had, and each group's own rules (the
 * holdout's window, the gap after a send, a draft waiting in review) decide who may re-enter, so re-entries would not
 * compare like with like. It also takes each client once, as the lists behind the counts show them, from the index.
 */
export const FIRST_ASSIGNMENT = sql`a.previous_assigned_at is null`;

/** Clients measured among the assignments `a` (first assignments, optionally only those matching `where`), and how many of them were won back. */
export function winBackClientCounts(attributionDays: number, where: SQL = sql`true`): { clients: SQL; wonBack: SQL } {
  const counted = sql`${FIRST_ASSIGNMENT} and ${where}`;
  return {
    clients: sql`(count(*) filter (where ${counted}))::int`,
    wonBack: sql`(count(*) filter (where ${counted} and ${wonBackCondition(attributionDays)}))::int`,
  };
}
