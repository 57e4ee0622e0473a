import { z } from "zod";
import { readTypedNumber, typedWholeNumber } from "@/lib/domain/validation";
import { containsLink } from "./grounding";

const hexColour = z.string().trim().regex(/^#[0-9a-f]{6}$/i, "Use a colour like #7c2d12");

/**
 * The win-back programme: brand, voice and offers the writer may use, the holdout and attribution, and when and how
 * fast email goes out. Edited by admins on Settings → Email; the email policy (sender, tiers, model) stays its own group.
 */
export const winBackSettingsSchema = z.object({
  brandName: z.string().trim().min(1, "Enter the brand name").max(60, "Keep the brand name to 60 characters or fewer"),
  brandColour: hexColour,
  accentColour: hexColour,
  // Every email's button opens it: a web page, or an address to write, call or text (a javascript: or data: link
  // would run code in the reader's mail).
  bookingUrl: z.string().trim().pipe(z.url({ protocol: /^(?:https?|mailto|tel|sms)$/, error: "Enter the full address of your booking page, like https://yourbrand.com/book (or a mailto: or tel: link)" })),
  voiceGuidelines: z.string().trim().max(2000, "Keep the guidelines to 2,000 characters or fewer").default(""),
  allowedOffers: z
    .array(
      z
        .string()
        .trim()
        .min(3, "An offer needs a few words")
        .max(200, "Keep each offer to 200 characters or fewer")
        // A draft may never carry a link (see validateGrounding), so an offer with one could never be used.
        .refine((offer) => !containsLink(offer), "Leave links out of offers: the email's links are added for you"),
    )
    .max(20, "At most 20 offers")
    .default([]),
  // A blank is no share (not 0, which would turn the holdout off without a word).
  holdoutShare: z.preprocess(
    (v) => (typeof v === "string" ? readTypedNumber(v) : v),
    z.number({ error: "Enter a share between 0 and 0.5" }).min(0, "At least 0").max(0.5, "At most half of clients can be held out"),
  ),
  holdoutSeed: z.string().trim().min(1).max(40).default("win-back-2026"),
  attributionDays: typedWholeNumber("Enter a number of days", (n) => n.min(1, "At least 1 day").max(180, "At most 180 days")),
  sendWindowStartHour: typedWholeNumber("Enter an hour from 0 to 23", (n) => n.min(0, "Enter an hour from 0 to 23").max(23, "Enter an hour from 0 to 23")),
  sendWindowEndHour: typedWholeNumber("Enter an hour from 1 to 24", (n) => n.min(1, "Enter an hour from 1 to 24").max(24, "Enter an hour from 1 to 24")),
  sendRatePerSecond: z.coerce.number({ error: "Enter a rate" }).min(0.1, "At least 0.1 a second").max(100, "Resend accepts at most 100 a second on most plans"),
}).refine((s) => s.sendWindowEndHour > s.sendWindowStartHour, { path: ["sendWindowEndHour"], message: "The window must end after it starts" });
export type WinBackSettings = z.infer<typeof winBackSettingsSchema>;

export const DEFAULT_WIN_BACK_SETTINGS: WinBackSettings = {
  brandName: "Rekindle",
  brandColour: "#7c2d12",
  accentColour: "#f59e0b",
  bookingUrl: "https://rekindle.test/book",
  voiceGuidelines: "Warm, personal and brief. Write like a stylist who knows the client, not like a newsletter. No exclamation marks in the subject.",
  allowedOffers: ["Free shipping on your next fix", "A complimentary 15-minute styling call"],
  holdoutShare: 0.1,
  holdoutSeed: "win-back-2026",
  attributionDays: 30,
  sendWindowStartHour: 9,
  sendWindowEndHour: 20,
  sendRatePerSecond: 2,
};

/** The settings form: allowed offers arrive as one textarea, one offer a line. */
export const winBackSettingsFormSchema = z.preprocess(
  (v) => (v && typeof v === "object" && "allowedOffers" in v ? { ...v, allowedOffers: typeof v.allowedOffers === "string" ? v.allowedOffers.split("\n").map((line) => line.trim()).filter(Boolean) : [] } : v),
  winBackSettingsSchema,
);
