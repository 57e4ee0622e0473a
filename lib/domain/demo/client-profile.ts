import { NOTES, NUMERIC_SIZES, pickBudgetBand, pickTimezone, pickTopSize, SHOE_SIZES, STYLES, type DemoBudgetBand } from "./catalog";
import { EMAIL_DOMAINS, emailPart, FIRST_NAMES, LAST_NAMES } from "./names";
import type { Rng } from "./prng";
import type { DemoClientSizes } from "./types";

type ClientProfile = {
  id: string;
  name: string;
  email: string;
  sizes: DemoClientSizes;
  preferredStyles: string[];
  budgetBand: DemoBudgetBand | null;
  notes: string;
  marketingConsent: boolean;
  timezone: string;
};

/**
 * The client's index ends the email's local part and names contribute letters only, so the trailing digits
 * identify the client: emails are unique (also case-insensitively) without remembering earlier ones.
 */
function demoEmail(rng: Rng, first: string, last: string, index: number): string {
  const f = emailPart(first) || "client";
  const l = emailPart(last) || "demo";
  const local = rng.pick([`${f}.${l}`, `${f}${l}`, `${f.charAt(0)}${l}`, `${f}_${l}`]);
  return `${local}${index + 1}@${rng.pick(EMAIL_DOMAINS)}`;
}

function demoSizes(rng: Rng): DemoClientSizes {
  const numeric = rng.int(0, NUMERIC_SIZES.length - 1);
  const near = (offset: number) => NUMERIC_SIZES[Math.min(Math.max(numeric + offset, 0), NUMERIC_SIZES.length - 1)];
  const sizes: DemoClientSizes = { top: pickTopSize(rng), bottom: near(rng.int(-1, 1)) };
  if (rng.chance(0.85)) sizes.dress = near(0);
  if (rng.chance(0.75)) sizes.shoe = rng.pick(SHOE_SIZES);
  return sizes;
}

function demoStyles(rng: Rng): string[] {
  const count = rng.int(1, 3);
  const styles: string[] = [];
  while (styles.length < count) {
    const style = rng.pick(STYLES);
    if (!styles.includes(style)) styles.push(style);
  }
  return styles;
}

function demoNotes(rng: Rng): string {
  if (!rng.chance(0.3)) return "";
  const first = rng.pick(NOTES);
  const second = rng.pick(NOTES);
  return rng.chance(0.25) && second !== first ? `${first} ${second}` : first;
}

export function buildClientProfile(rng: Rng, index: number): ClientProfile {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  return {
    id: rng.uuid(),
    name: `${first} ${last}`,
    email: demoEmail(rng, first, last, index),
    sizes: demoSizes(rng),
    preferredStyles: demoStyles(rng),
    budgetBand: pickBudgetBand(rng),
    notes: demoNotes(rng),
    marketingConsent: rng.chance(0.86),
    timezone: pickTimezone(rng),
  };
}
