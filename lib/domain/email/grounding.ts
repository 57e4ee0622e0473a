import type { DraftContent } from "./draft-content";

/**
 * Grounding: a draft may only state numbers, prices, percentages, discounts, products, dates and months that appear
 * in the facts it was given or in the allowed offers, and never carries a link (links are ours, added by the template).
 */
type GroundingSources = {
  /** The client facts given to the writer, as text (profile, fixes, drivers, stylist). */
  facts: readonly string[];
  /** The admin-managed offers the writer may use. */
  offers: readonly string[];
  /** Product names the business sells: naming one not found in the facts or offers is an invention. */
  products: readonly string[];
};

type GroundingProblem = { kind: "url" | "price" | "percentage" | "discount" | "product" | "date" | "month" | "number" | "digit" | "fact"; value: string };
type GroundingResult = { ok: true } | { ok: false; problems: GroundingProblem[]; reason: string };

// Any scheme, any www., and any name.name (a domain under any ending: "shop.xyz", "evil.example/login", the host of
// an address). A sentence missing its space ("you.Hope") is caught too: the writer is asked again, which is safe.
const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/\S+|\bwww\.\S+|\bmailto:\S+|\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z][a-z0-9-]*[a-z0-9]\b(?:\/\S*)?/gi;
// An amount spelled out ("fifty", "twenty-five", "a hundred"): an offer in words is an offer all the same. Words
// count only where they make an offer ("fifty percent off", "ten dollars", "ten off your next fix"), so English
// ("a hundred percent sure", "pick one off the rail", "ten pounds lighter") is left alone.
const NUMBER_WORD =
  "(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\\s-](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:a\\s+|one\\s+)?hundred)";
const FRACTION_WORD = "(?:a\\s+)?(?:half|quarter|third)";
const CURRENCY_WORDS = "dollars?|bucks?|usd|eur|euros?|gbp|pounds?|quid";
// "Pounds" in words is money only beside what money buys: "ten pounds" is a weight too.
const CURRENCY_IN_WORDS = "(?:dollars?|bucks?|euros?|quid|pounds?(?=\\s+(?:off|credit|gift|voucher|discount|back)\\b))";
const OFFER_OBJECT = "(?:(?:your|any|every|each|all|the)\\s+)?(?:(?:next|first|whole|entire)\\s+)?(?:orders?|items?|fix(?:es)?|pieces?|purchases?|price|total|bill|everything|anything)";
const PRICE_PATTERN = new RegExp(`(?:[$€£]\\s?\\d[\\d,]*(?:\\.\\d+)?|\\b\\d[\\d,]*(?:\\.\\d+)?[\\s-]?(?:${CURRENCY_WORDS})\\b|\\b${NUMBER_WORD}[\\s-]+${CURRENCY_IN_WORDS}\\b)`, "gi");
const PERCENT_PATTERN = new RegExp(`\\b\\d+(?:\\.\\d+)?\\s?(?:%|percent\\b|per cent\\b)|\\b${NUMBER_WORD}[\\s-]+(?:percent|per cent)(?=[\\s-]+(?:off|discount|back|savings?|reduction)\\b)`, "gi");
const DISCOUNT_PATTERN = new RegExp(
  `\\b(?:free\\s+(?:shipping|delivery|returns|styling|gift|fix|item)|(?:promo|discount|coupon)\\s+code\\s+\\w+|code\\s+[A-Z0-9]{4,}|half[\\s-]+price|bogo|buy\\s+one\\s+get\\s+one|${FRACTION_WORD}\\s+off\\b|${NUMBER_WORD}\\s+off\\s+${OFFER_OBJECT}\\b|\\w+\\s+off\\b)`,
  "gi",
);
const MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
const DATE_PATTERN = new RegExp(
  `\\b(?:\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\b|(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\b|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}\\/\\d{1,2}(?:\\/\\d{2,4})?)`,
  "gi",
);
// Month names alone ("since January") are claims about dates; "may" is left out, being a word of its own.
const MONTH_NAME_PATTERN = /\b(?:january|february|march|april|june|july|august|september|october|november|december)\b/gi;
const NUMBER_PATTERN = /\d[\d,]*(?:\.\d+)?/g;
// "10 off" is a discount; "sizes off" is not a thing we write, but "a little off" is English: of two words before
// "off", only a number counts (amounts in words are matched above only with what they take off).
const DISCOUNT_NEEDS_NUMBER = /^\w+\s+off$/i;
// Digits of other scripts ("٥٠"): an amount no check above reads, so an email is written with 0–9.
const OTHER_DIGITS = /(?![0-9])\p{Nd}+/gu;

/**
 * Text as the checks read it: compatibility forms folded (full-width "１００" and "／" read as "100" and "/"), and the
 * full stops that some mail clients and browsers take for a domain's dot read as one ("evil。example").
 */
const canonical = (text: string) => text.normalize("NFKC").replace(/[\u3002\uFF61\u2024\u2027\uFE52]/g, ".").replace(/[\u2215\u2044]/g, "/");
const normalise = (text: string) => canonical(text).toLowerCase().replace(/\s+/g, " ").replace(/[’']/g, "'").trim();
const digitsOf = (text: string) => text.replace(/[^\d.]/g, "").replace(/\.0+$/, "");

function emailText(draft: DraftContent): string {
  return [draft.subject, draft.preheader, ...draft.paragraphs, draft.callToAction].join("\n");
}

/** Whether the text holds anything that reads as a link (see URL_PATTERN): what a draft may never carry. */
export function containsLink(text: string): boolean {
  return matches(URL_PATTERN, canonical(text)).length > 0;
}

function matches(pattern: RegExp, text: string): string[] {
  return [...text.matchAll(pattern)].map((m) => m[0].trim());
}

export function validateGrounding(draft: DraftContent, sources: GroundingSources): GroundingResult {
  const text = canonical(emailText(draft));
  const allowed = normalise([...sources.facts, ...sources.offers].join("\n"));
  const allowedNumbers = new Set(matches(NUMBER_PATTERN, allowed).map(digitsOf));
  const allowedPrices = new Set(matches(PRICE_PATTERN, allowed).map(digitsOf));
  const problems: GroundingProblem[] = [];
  const numberFound = (value: string) => allowedNumbers.has(digitsOf(value));
  // An amount in words is allowed only as the facts or offers word it.
  const inWords = (value: string) => digitsOf(value) === "";
  const statedInWords = (value: string) => allowed.includes(normalise(value));

  for (const url of matches(URL_PATTERN, text)) problems.push({ kind: "url", value: url });
  for (const price of matches(PRICE_PATTERN, text)) {
    if (inWords(price) ? !statedInWords(price) : !allowedPrices.has(digitsOf(price))) problems.push({ kind: "price", value: price });
  }
  for (const pct of matches(PERCENT_PATTERN, text)) {
    if (inWords(pct) ? !statedInWords(pct) : !numberFound(pct) || !mentionsPercent(allowed, digitsOf(pct))) problems.push({ kind: "percentage", value: pct });
  }
  for (const discount of matches(DISCOUNT_PATTERN, text)) {
    if (DISCOUNT_NEEDS_NUMBER.test(discount) && !/\d/.test(discount) && !/^(?:half|quarter|third)\s/i.test(discount)) continue;
    if (!allowed.includes(normalise(discount))) problems.push({ kind: "discount", value: discount });
  }
  for (const date of matches(DATE_PATTERN, text)) if (!allowed.includes(normalise(date))) problems.push({ kind: "date", value: date });
  // Outside what was checked above, every month named and every other number ("kept 4 of 5", "in 2 weeks", a year)
  // must be one the facts or offers state.
  const rest = [URL_PATTERN, PRICE_PATTERN, PERCENT_PATTERN, DISCOUNT_PATTERN, DATE_PATTERN].reduce((remaining, pattern) => remaining.replace(pattern, " "), text);
  for (const month of matches(MONTH_NAME_PATTERN, rest)) if (!allowed.includes(normalise(month))) problems.push({ kind: "month", value: month });
  for (const number of matches(NUMBER_PATTERN, rest)) if (!numberFound(number)) problems.push({ kind: "number", value: number });
  for (const digits of matches(OTHER_DIGITS, text)) problems.push({ kind: "digit", value: digits });
  const lowerText = normalise(text);
  for (const product of sources.products) {
    const name = normalise(product);
    if (name && lowerText.includes(name) && !allowed.includes(name)) problems.push({ kind: "product", value: product });
  }
  for (const fact of draft.factsUsed) if (!allowed.includes(normalise(fact))) problems.push({ kind: "fact", value: fact });

  if (problems.length === 0) return { ok: true };
  return { ok: false, problems, reason: describeProblems(problems) };
}

function mentionsPercent(allowed: string, digits: string): boolean {
  return new RegExp(`(?:^|[^\\d.])${digits.replace(".", "\\.")}\\s?(?:%|percent|per cent)`).test(allowed);
}

const KIND_LABELS: Record<GroundingProblem["kind"], string> = {
  url: "a link",
  price: "a price",
  percentage: "a percentage",
  discount: "a discount",
  product: "a product",
  date: "a date",
  month: "a month",
  number: "a number",
  digit: "a number not written in 0–9",
  fact: "a fact",
};

function describeProblems(problems: readonly GroundingProblem[]): string {
  return problems.map((p) => `${KIND_LABELS[p.kind]} not found in the client's facts or the allowed offers: "${p.value}"`).join("; ");
}

/** The fields of a person's edit of an email. */
export type EditedFields = { subject: string; preheader: string; body: string; callToAction: string };

const EDIT_MESSAGES: Partial<Record<GroundingProblem["kind"], (value: string) => string>> = {
  url: () => "Remove the link: the email's links are added for you",
  digit: (value) => `Write “${value}” with the digits 0–9, so it can be checked against the allowed offers`,
};
const OFFER_KINDS = new Set<GroundingProblem["kind"]>(["url", "price", "percentage", "discount", "digit"]);

/**
 * What a person's edit may not add, by field: a link (ours are added by the template), or a price, percentage or
 * discount that is not one of the admin's allowed offers, as Settings → Email promises. What the email already said
 * stands (a writer may state a price from the client's own history). Unlike a written draft, an edit may state other
 * numbers and dates: the person is the source of those.
 */
export function editProblems(edit: EditedFields, offers: readonly string[], before?: EditedFields): Partial<Record<keyof EditedFields, string[]>> {
  const out: Partial<Record<keyof EditedFields, string[]>> = {};
  const said = before ? normalise([before.subject, before.preheader, before.body, before.callToAction].join("\n")) : "";
  const added = (problem: GroundingProblem) => problem.kind === "url" || !said.includes(normalise(problem.value));
  for (const field of ["subject", "preheader", "body", "callToAction"] as const) {
    const result = validateGrounding({ subject: "", preheader: "", paragraphs: [edit[field]], callToAction: "", factsUsed: [] }, { facts: [], offers, products: [] });
    if (result.ok) continue;
    const messages = result.problems
      .filter((problem) => OFFER_KINDS.has(problem.kind) && added(problem))
      .map((problem) => EDIT_MESSAGES[problem.kind]?.(problem.value) ?? `“${problem.value}” is not one of the allowed offers (Settings → Email): offer only those, word for word`);
    if (messages.length) out[field] = [...new Set(messages)];
  }
  return out;
}
