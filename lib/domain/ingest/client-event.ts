import { z } from "zod";
import { isKnownTimeZone } from "@/lib/domain/time/time-zones";
import { BUDGET_BANDS, STYLE_OPTIONS } from "@/lib/domain/clients/client-input";
import type { IngestClientProfile } from "./ingest-types";
import { dateTimeField, emailField } from "./order-event";

const size = z.string().trim().max(12, "Keep sizes to 12 characters").optional();

/** A client profile as our webhook (and the CSV import) describes it. Fields left out are left as they are. */
export const clientEventSchema = z.object({
  email: emailField,
  name: z.string({ error: "Give the client's name" }).trim().min(1, "Give the client's name").max(120, "Keep the name to 120 characters or fewer"),
  sizes: z.object({ top: size, bottom: size, dress: size, shoe: size }, "Give sizes as an object like {\"top\":\"M\"}").optional(),
  preferred_styles: z.array(z.enum(STYLE_OPTIONS, `Use styles from: ${STYLE_OPTIONS.join(", ")}`)).max(5, "At most 5 styles").optional(),
  budget_band: z.enum(BUDGET_BANDS, `Use one of: ${BUDGET_BANDS.join(", ")}`).nullable().optional(),
  marketing_consent: z.boolean("Give marketing_consent as true or false").optional(),
  timezone: z
    .string()
    .trim()
    .refine(isKnownTimeZone, "Use an IANA time zone like Europe/London")
    .optional(),
  notes: z.string().trim().max(2000, "Keep notes to 2,000 characters or fewer").optional(),
  /** When the sender last changed this profile: its version. An older one than Rekindle holds changes nothing. */
  updated_at: dateTimeField("updated_at"),
});

export function toIngestClientProfile(c: z.output<typeof clientEventSchema>): IngestClientProfile {
  return {
    email: c.email,
    name: c.name,
    updatedAt: c.updated_at,
    sizes: c.sizes,
    preferredStyles: c.preferred_styles,
    budgetBand: c.budget_band,
    marketingConsent: c.marketing_consent,
    timezone: c.timezone,
    notes: c.notes,
  };
}
