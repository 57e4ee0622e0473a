import "server-only";
import { z } from "zod";

// A little slack for clocks that disagree between the app and whoever sent the date.
const FUTURE_SLACK_MS = 5 * 60_000;

/** An optional "score as of" date: never in the future, since orders that have not happened cannot count. */
export const asOfSchema = z.coerce
  .date({ error: "Enter a valid date" })
  .refine((d) => d.getTime() <= Date.now() + FUTURE_SLACK_MS, { message: "The date cannot be in the future" })
  .optional();
