import type { ClientDetail } from "@/lib/server/data/clients";
import type { ClientFormDefaults } from "./client-form";

/** A new client's form: consent is never pre-given, so "Agreed to marketing email" starts unticked. */
export const NEW_CLIENT_DEFAULTS: ClientFormDefaults = { timezone: "UTC", marketingConsent: "" };

/** A saved client in the shape the form's fields are named. */
export function clientFormDefaults(client: ClientDetail): ClientFormDefaults {
  return {
    name: client.name,
    email: client.email,
    stylistId: client.stylistId ?? "",
    timezone: client.timezone,
    marketingConsent: client.marketingConsent ? "on" : "",
    "sizes.top": client.sizes.top,
    "sizes.bottom": client.sizes.bottom,
    "sizes.dress": client.sizes.dress,
    "sizes.shoe": client.sizes.shoe,
    "preferredStyles[]": client.preferredStyles,
    budgetBand: client.budgetBand ?? "",
    notes: client.notes,
  };
}
