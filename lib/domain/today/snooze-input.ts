import { z } from "zod";
import { typedWholeNumber } from "@/lib/domain/validation";

export const SNOOZE_DAY_CHOICES = [3, 7, 14, 30] as const;
const MAX_SNOOZE_DAYS = 90;

/** Setting a client aside on Today: for how many days, and why (the reason is kept with the audit row). */
export const snoozeClientSchema = z.object({
  clientId: z.uuid("Unknown client"),
  days: typedWholeNumber("Choose how many days", (n) => n.min(1, "Snooze for at least one day").max(MAX_SNOOZE_DAYS, `Snooze for at most ${MAX_SNOOZE_DAYS} days`)),
  reason: z.string({ error: "Say why" }).trim().min(3, "Say why, in a few words").max(200, "Keep the reason to 200 characters or fewer"),
});
