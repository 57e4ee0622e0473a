import { createRng, type Rng } from "./prng";
import { emailPart, STYLIST_NAMES } from "./names";
import { STAFF_SALT } from "./salts";
import type { DemoUser } from "./types";

const DEFAULT_STYLIST_COUNT = 8;
const STAFF_EMAIL_DOMAIN = "rekindle.test";

/** The admin, the marketer and the stylists. Ids depend only on the seed, so clients can point at them up front. */
export function demoStaff(options: { seed: number; stylists?: number }): DemoUser[] {
  const rng = createRng(options.seed, 0, STAFF_SALT);
  const count = options.stylists ?? DEFAULT_STYLIST_COUNT;
  if (!Number.isInteger(count) || count < 1) throw new Error(`stylists must be a positive integer, got ${count}`);
  const staff: DemoUser[] = [
    { id: rng.uuid(), name: "Alex Admin", email: `admin@${STAFF_EMAIL_DOMAIN}`, role: "admin" },
    { id: rng.uuid(), name: "Morgan Marketer", email: `marketer@${STAFF_EMAIL_DOMAIN}`, role: "marketer" },
  ];
  for (let k = 0; k < count; k++) {
    const name = STYLIST_NAMES[k % STYLIST_NAMES.length] ?? "Sam Stylist";
    const round = Math.floor(k / STYLIST_NAMES.length);
    const first = emailPart(name.split(" ")[0] ?? name) + (round > 0 ? String(round + 1) : "");
    staff.push({ id: rng.uuid(), name, email: `${first}.stylist@${STAFF_EMAIL_DOMAIN}`, role: "stylist" });
  }
  return staff;
}

/** Picks a stylist for a client; some stylists carry bigger books than others, as in real teams. */
export function stylistPicker(seed: number, stylists: readonly DemoUser[]): (rng: Rng) => string {
  const rng = createRng(seed, 1, STAFF_SALT);
  const weighted = stylists.map((s) => ({ id: s.id, weight: rng.range(0.6, 1.4) }));
  const total = weighted.reduce((sum, s) => sum + s.weight, 0);
  return (clientRng) => {
    let r = clientRng.next() * total;
    for (const s of weighted) {
      r -= s.weight;
      if (r < 0) return s.id;
    }
    const last = weighted.at(-1);
    if (!last) throw new Error("stylistPicker() needs at least one stylist");
    return last.id;
  };
}
