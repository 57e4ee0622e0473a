import { describe, expect, it } from "vitest";
import type { DraftContent } from "./draft-content";
import { editProblems, type EditedFields, validateGrounding } from "./grounding";

const sources = {
  facts: ["First name: Ada", "Kept 2 of the last 5 items", "Last fix: 2026-03-14, kept a wrap dress", "Average kept value $120 per order"],
  offers: ["Free shipping on your next fix", "20% off one item in your next fix"],
  products: ["wrap dress", "Cashmere Cloud Sweater"],
};

const draft = (paragraph: string, extra: Partial<DraftContent> = {}): DraftContent => ({
  subject: "A new fix, picked for you",
  preheader: "",
  paragraphs: [paragraph],
  callToAction: "Book my next fix",
  factsUsed: [],
  ...extra,
});

describe("validateGrounding", () => {
  it("accepts facts and offers as given", () => {
    expect(validateGrounding(draft("Hi Ada, you loved the wrap dress. Enjoy free shipping on your next fix, or 20% off one item."), sources)).toEqual({ ok: true });
  });
  it("rejects invented percentages, prices, discounts and dates", () => {
    const result = validateGrounding(draft("Take 90% off, only $15, with code SAVE50 until June 30."), sources);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.kind).sort()).toEqual(["date", "discount", "percentage", "price"]);
    expect(result.reason).toContain('"90%"');
  });
  it("rejects any link, whatever its form", () => {
    for (const link of ["https://evil.example/x", "www.shop.com", "visit rekindle.shop today", "mailto:a@b.co", "rekindle-refunds.xyz", "evil.example/login", "ftp://files.example", "reply to ava@stylist.example"]) {
      expect(validateGrounding(draft(`See ${link}`), sources).ok, link).toBe(false);
    }
    // Abbreviations and decimals are not links.
    expect(validateGrounding(draft("Hi Ada, e.g. the wrap dress, i.e. something easy."), sources)).toEqual({ ok: true });
  });
  it("rejects numbers, months and years the facts do not state", () => {
    for (const claim of ["You kept all 4 items.", "Your next fix ships in 3 days.", "You have been with us since 2019.", "See you in December.", "I have a $14 credit for you."]) {
      expect(validateGrounding(draft(`Hi Ada. ${claim}`), sources).ok, claim).toBe(false);
    }
    expect(validateGrounding(draft("Hi Ada, you kept 2 of the last 5 items, and your pieces average $120."), sources)).toEqual({ ok: true });
  });
  it("rejects products not in the facts", () => {
    const result = validateGrounding(draft("We saved a Cashmere Cloud Sweater for you."), sources);
    expect(result).toMatchObject({ ok: false, problems: [{ kind: "product", value: "Cashmere Cloud Sweater" }] });
  });
  it("accepts prices stated in the facts and rejects facts it was not given", () => {
    expect(validateGrounding(draft("Your pieces average $120."), sources).ok).toBe(true);
    expect(validateGrounding(draft("Hi Ada.", { factsUsed: ["Birthday in May"] }), sources)).toMatchObject({ ok: false, problems: [{ kind: "fact" }] });
  });
});

describe("a person's edit", () => {
  const offers = ["Free shipping on your next fix", "A complimentary 15-minute styling call"];
  const edit = (changes: Partial<EditedFields>): EditedFields => ({ subject: "Hello", preheader: "", body: "We picked four pieces for you.", callToAction: "Book", ...changes });
  it("may add numbers and dates of its own, and the allowed offers word for word", () => {
    expect(editProblems(edit({ body: "You kept 4 of 5 last time; your stylist is free on June 12. Free shipping on your next fix." }), offers)).toEqual({});
  });
  it("may not add a price, percentage or discount that is not an allowed offer, nor a link, each named by its field", () => {
    expect(editProblems(edit({ subject: "20% off, until December 31", body: "Take $15 off: see shop.example" }), offers)).toEqual({
      subject: ["“20%” is not one of the allowed offers (Settings → Email): offer only those, word for word"],
      body: [
        "Remove the link: the email's links are added for you",
        "“$15” is not one of the allowed offers (Settings → Email): offer only those, word for word",
        "“15 off” is not one of the allowed offers (Settings → Email): offer only those, word for word",
      ],
    });
  });
  it("reads offers spelled out in words, or in look-alike characters, as the offers they are", () => {
    const refused = (body: string) => Object.values(editProblems(edit({ body }), offers)).flat();
    for (const body of [
      "Fifty percent off your whole next fix.",
      "Twenty-five per cent off anything you keep.",
      "Ten dollars off your next fix.",
      "Half off your next fix.",
      "A $１００ gift card is yours.", // full-width digits
      "Take １５% off today.",
      "Claim it at evil。example／login today.", // an ideographic full stop and a full-width slash
      "Claim it at evil．example today.",
      "Take ٥٠% off today.", // Arabic-Indic digits
      "Fifty-percent off this week.",
      "A ten-dollar credit for you.",
      "Ten dollar credit for you.",
      "A 100 dollar gift for you.",
      "Take 50 euro off.",
      "Take a quarter off your next fix.",
      "A third off for you.",
      "Half-price styling this week.",
      "Ten off your next fix.",
      "Fifty off anything you keep.",
      "Twenty pounds off your order.",
    ]) {
      expect(refused(body), body).not.toEqual([]);
    }
    // Words that merely sit beside "off", "percent" or "pounds" are English, not offers; an offer in words may be
    // allowed word for word.
    for (const body of [
      "Your fit felt a little off last time, so one hundred pieces were not the answer.",
      "Pick one off the rail and tell me how it feels.",
      "Knock two off your list this weekend.",
      "I'm a hundred percent sure you will love it.",
      "You said you had lost ten pounds, so I went a size down.",
    ]) {
      expect(editProblems(edit({ body }), offers), body).toEqual({});
    }
    expect(editProblems(edit({ body: "Fifty percent off one item." }), [...offers, "Fifty percent off one item"])).toEqual({});
  });
  it("keeps what the email already said: an edit of the subject leaves a price the writer took from the facts alone", () => {
    const before = edit({ body: "Your $120 jacket from March still suits the season." });
    expect(editProblems({ ...before, subject: "A new look for spring" }, offers, before)).toEqual({});
    expect(editProblems({ ...before, subject: "A new look for $99" }, offers, before)).toEqual({
      subject: ["“$99” is not one of the allowed offers (Settings → Email): offer only those, word for word"],
    });
  });
});
