import { z } from "zod";

/** How a stylist reached a client outside Rekindle's emails: a call, a text, in person, or some other way. */
export const CONTACT_CHANNELS = ["phone", "text", "in_person", "other"] as const;
type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const CONTACT_CHANNEL_LABELS: Record<ContactChannel, string> = {
  phone: "Phone call",
  text: "Text message",
  in_person: "In person",
  other: "Another way",
};

export const MAX_CONTACT_NOTE = 500;

/**
 * A contact the stylist made themselves (a call to a client who gave no email consent, say): it counts as contact on
 * Today, as an email does, and shows on the client's timeline with the note.
 */
export const logContactSchema = z.object({
  clientId: z.uuid("Unknown client"),
  channel: z.enum(CONTACT_CHANNELS, { error: "Choose how you reached them" }),
  note: z.string().trim().max(MAX_CONTACT_NOTE, `Keep the note to ${MAX_CONTACT_NOTE} characters or fewer`).optional(),
});
