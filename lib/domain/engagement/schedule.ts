import { z } from "zod";
import { readTypedNumber } from "@/lib/domain/validation";

/** When the nightly full rescoring runs: an hour of the day in UTC, or never. */
export const scoringScheduleSchema = z.object({
  nightlyHourUtc: z
    .number({ error: "nightlyHourUtc must be a whole hour from 0 to 23" })
    .int({ error: "nightlyHourUtc must be a whole hour from 0 to 23" })
    .min(0, { error: "nightlyHourUtc must be a whole hour from 0 to 23" })
    .max(23, { error: "nightlyHourUtc must be a whole hour from 0 to 23" })
    .nullable(),
});
/**
 * The schedule form's one field as scoringScheduleSchema reads it: "off" is no nightly run, an hour its number; an
 * empty field stays NaN, so the schema names the field rather than reading it as hour 0.
 */
export const scoringScheduleFormSchema = z.object({
  nightlyHourUtc: z
    .string()
    .trim()
    .optional()
    .default("")
    .transform((hour) => (hour === "off" ? null : readTypedNumber(hour))),
});
type ScoringSchedule = z.infer<typeof scoringScheduleSchema>;
export const DEFAULT_SCORING_SCHEDULE: ScoringSchedule = { nightlyHourUtc: 3 };

/** The hourly cron fires every hour; the run starts only in the hour an admin chose. */
export function isNightlyRunDue(schedule: ScoringSchedule, at: Date): boolean {
  return schedule.nightlyHourUtc !== null && at.getUTCHours() === schedule.nightlyHourUtc;
}
