import { weightedPicker } from "./prng";

/** Profile vocabulary for demo clients, with rough real-world frequencies. */

export const STYLES = ["classic", "boho", "minimal", "streetwear", "workwear", "romantic", "athleisure", "preppy", "edgy", "vintage"] as const;

export const BUDGET_BANDS = ["under_50", "50_100", "100_200", "200_plus"] as const;
export type DemoBudgetBand = (typeof BUDGET_BANDS)[number];

export const pickBudgetBand = weightedPicker<DemoBudgetBand | null>([
  ["under_50", 0.2],
  ["50_100", 0.4],
  ["100_200", 0.27],
  ["200_plus", 0.1],
  [null, 0.03], // never filled in the style quiz
]);

/** Typical price of one item, in whole dollars, for each band; clients sit somewhere inside their range. */
export const ITEM_PRICE_RANGE: Record<DemoBudgetBand, readonly [number, number]> = {
  under_50: [25, 50],
  "50_100": [50, 100],
  "100_200": [100, 200],
  "200_plus": [200, 400],
};

export const pickTopSize = weightedPicker([
  ["XS", 0.07], ["S", 0.2], ["M", 0.28], ["L", 0.2], ["XL", 0.12], ["XXL", 0.06], ["1X", 0.04], ["2X", 0.02], ["3X", 0.01],
] as const);

/** US women's numeric sizes, used for bottoms and dresses. */
export const NUMERIC_SIZES = ["0", "2", "4", "6", "8", "10", "12", "14", "16", "18", "20", "22", "24"] as const;

export const SHOE_SIZES = ["5", "5.5", "6", "6.5", "7", "7.5", "8", "8.5", "9", "9.5", "10", "10.5", "11", "12"] as const;

export const pickItemsShipped = weightedPicker<number>([
  [5, 0.82], [4, 0.06], [6, 0.07], [3, 0.02], [7, 0.02], [8, 0.01],
]);

// Quotes, dashes and accents on purpose: they exercise escaping wherever notes are exported or shown.
export const NOTES = [
  "Prefers natural fibres; no polyester.",
  "Allergic to wool.",
  "Wedding in June — needs a guest outfit.",
  "Dislikes bright yellow and neon.",
  "Petite: prefers cropped trousers and shorter hems.",
  'Tall — needs a 34" inseam.',
  "Works in finance, mostly office wear Monday to Thursday.",
  "New job in the autumn, wants a capsule wardrobe.",
  "Nursing-friendly tops, please.",
  "Loves pockets on dresses.",
  "Returns anything sleeveless.",
  "Travels a lot; packable, wrinkle-free fabrics.",
  "Prefers high-rise jeans, straight or wide leg.",
  "No heels over 2 inches.",
  "Asked for more colour after the last fix.",
  "Vegan: no leather, suede or silk.",
  "Birthday in March, likes a surprise accessory.",
  "Between sizes on tops; size up in fitted styles.",
  "Sensitive skin, avoids scratchy knits.",
  "Said the last stylist \"really got\" her style.",
] as const;

/** Mostly US zones, weighted by population, plus a few clients abroad. */
export const pickTimezone = weightedPicker([
  ["America/New_York", 0.3], ["America/Chicago", 0.2], ["America/Los_Angeles", 0.2], ["America/Denver", 0.07],
  ["America/Phoenix", 0.04], ["America/Anchorage", 0.01], ["Pacific/Honolulu", 0.01], ["America/Toronto", 0.05],
  ["America/Vancouver", 0.02], ["Europe/London", 0.04], ["Europe/Dublin", 0.01], ["Europe/Berlin", 0.02],
  ["Europe/Paris", 0.01], ["Australia/Sydney", 0.01], ["Asia/Singapore", 0.01],
] as const);
