import { z } from "zod";
import { isKnownTimeZone } from "@/lib/domain/time/time-zones";
import { emailAddress } from "@/lib/domain/validation";

export const STYLE_OPTIONS = ["classic", "minimal", "boho", "romantic", "streetwear", "workwear", "athleisure", "edgy", "preppy", "glam"] as const;
export const BUDGET_BANDS = ["under_50", "50_100", "100_200", "200_plus"] as const;
export type BudgetBand = (typeof BUDGET_BANDS)[number];
export const BUDGET_LABELS: Record<BudgetBand, string> = {
  under_50: "Under $50 an item",
  "50_100": "$50–100 an item",
  "100_200": "$100–200 an item",
  "200_plus": "$200+ an item",
};

/** "" from an empty form field means "not given". */
const emptyToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const sizeField = z.preprocess(
  (v) => (typeof v === "string" ? v.trim() || undefined : v),
  z.string().max(12, "Keep sizes to 12 characters").optional(),
);

/** A client's profile as a form or API submits it. Checkbox and empty-string values are accepted as forms send them. */
export const clientInputSchema = z.object({
  name: z.string({ error: "Enter a name" }).trim().min(1, "Enter a name").max(120, "Keep the name to 120 characters or fewer"),
  email: z
    .string({ error: "Enter an email address" })
    .trim()
    .min(1, "Enter an email address")
    .pipe(emailAddress("Enter a valid email address, like name@example.com")),
  stylistId: z.preprocess(emptyToNull, z.uuid("Choose a stylist from the list").nullable()).default(null),
  sizes: z
    .object({ top: sizeField, bottom: sizeField, dress: sizeField, shoe: sizeField })
    .default({}),
  preferredStyles: z
    .preprocess((v) => (v == null ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(STYLE_OPTIONS, "Pick styles from the list")).max(5, "Pick at most 5 styles"))
    .default([]),
  budgetBand: z.preprocess(emptyToNull, z.enum(BUDGET_BANDS, "Choose a budget band from the list").nullable()).default(null),
  notes: z.string().trim().max(2000, "Keep notes to 2,000 characters or fewer").default(""),
  marketingConsent: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()).default(false),
  timezone: z
    .string()
    .trim()
    .default("UTC")
    .refine(isKnownTimeZone, "Choose a time zone from the list, like Europe/London"),
});

export type ClientInput = z.infer<typeof clientInputSchema>;
