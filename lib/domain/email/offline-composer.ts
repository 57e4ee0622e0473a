import { z } from "zod";
import type { DraftContent } from "./draft-content";
import { containsLink } from "./grounding";
import { isCancelledFix, keptNothingOf } from "./writer-facts";

/** What the offline writer reads from the prompt's client data block (the shape prompts.ts writes). */
export const offlineInputSchema = z.object({
  client: z.object({ firstName: z.string(), sizes: z.array(z.string()).default([]), preferredStyles: z.array(z.string()).default([]) }),
  recentFixes: z.array(z.string()).default([]),
  whyTheyAreSlipping: z.array(z.string()).default([]),
  stylist: z.object({ name: z.string() }),
  offers: z.array(z.string()).default([]),
  tier: z.string().nullable().default(null),
  discardedDrafts: z.array(z.object({ subject: z.string() })).default([]),
  draftsTurnedDown: z.number().int().min(0).default(0),
});
type OfflineInput = z.infer<typeof offlineInputSchema>;

/**
 * One of the wordings, the same for the same client on the same attempt; each draft after a discard (`attempt`) takes
 * the next one, so a redraft never repeats the wording just turned down.
 */
function pick<T>(options: readonly [T, ...T[]], key: string, attempt: number): T {
  let hash = 0;
  for (const ch of key) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return inTurn(options, hash + attempt);
}

/** The wordings in turn: the first for a first draft, the next after each discard. */
const inTurn = <T>(options: readonly [T, ...T[]], attempt: number): T => options[attempt % options.length] ?? options[0];

function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * The last fix in a sentence, from its fact line ("Fix of March 14, 2026: kept 2 of 5 items"), by its date and what was
 * kept, never by what went back. One the client kept nothing of is owned as a miss rather than quoted back at them.
 */
function recalled(fix: string): string {
  const described = fix.replace(/^Fix of /, "");
  if (keptNothingOf(fix)) {
    return `Your last fix, on ${described.replace(/: .*$/, "")}, was not quite right for you, and I have taken note: I would love another try with pieces closer to your taste.`;
  }
  // The date alone: "kept 2 of 5" would point out to the client what they sent back.
  return `Looking back at your last fix, on ${described.replace(/: .*$/, "")}, and the pieces you kept, I have a clearer idea of what works for you.`;
}

/**
 * A personal email from the facts alone, without a model: the offline writer. It uses only what it was given (so it
 * always passes the grounding check) and never repeats the client's notes, which are untrusted.
 */
export function composeOfflineDraft(input: OfflineInput): DraftContent {
  // No name when the client's does not read as one (see firstNameOf).
  const name = input.client.firstName;
  const hi = name ? `Hi ${name}` : "Hi there";
  // The stylist's name is free text ("Jo.Ann" reads as a link): the draft names them only when it cannot fail the check.
  const from = containsLink(input.stylist.name) ? "your stylist" : input.stylist.name;
  const lapsed = input.tier === "lapsed";
  // A cancelled fix was never styled, so the last one worth recalling is the last one that shipped.
  const lastFix = input.recentFixes.find((fix) => !isCancelledFix(fix));
  const styles = input.client.preferredStyles.slice(0, 3);
  const factsUsed: string[] = name ? [`First name: ${name}`] : [];
  const paragraphs: string[] = [];

  const subjects = lapsed
    ? name
      ? ([`We miss you, ${name}`, `${name}, shall we pick up where we left off?`, `${name}, your stylist has some ideas`, `Thinking of you, ${name}`] as const)
      : (["We miss you", "Shall we pick up where we left off?", "Your stylist has some ideas", "Thinking of you"] as const)
    : name
      ? ([`${name}, a fix picked just for you`, `${name}, new picks with you in mind`, `${name}, shall I put a fix together for you?`, `Something new for you, ${name}`] as const)
      : (["A fix picked just for you", "New picks with you in mind", "Shall I put a fix together for you?", "Something new for you"] as const);
  // The next wording after each draft turned down, skipping any whose subject was just turned down (the list holds the
  // latest few, so one of the four is always free).
  const turnedDown = new Set(input.discardedDrafts.map((draft) => draft.subject));
  let turn = input.draftsTurnedDown;
  for (let tried = 0; tried < subjects.length && turnedDown.has(inTurn(subjects, turn)); tried++) turn++;

  const opening = lapsed
    ? pick(
        [
          `${hi}, it has been a while, and I have been thinking about your wardrobe.`,
          `${hi}, I miss styling for you.`,
          `${hi}, I was just thinking about you and your style.`,
          `${hi}, it has been too long since I last put a fix together for you.`,
        ] as const,
        name,
        turn,
      )
    : pick([`${hi}, I wanted to check in personally.`, `${hi}, I hope you have been well.`, `${hi}, I have been thinking about what to pick for you next.`, `${hi}, I hope this season is treating you well.`] as const, name, turn);
  paragraphs.push(lastFix ? `${opening} ${recalled(lastFix)}` : opening);
  if (lastFix) factsUsed.push(lastFix);

  if (styles.length) {
    const liked = listOf(styles);
    paragraphs.push(
      inTurn(
        [
          `I have been setting aside ${liked} pieces that I think you would love, and I would be glad to put your next fix together around them.`,
          `A few ${liked} pieces came in recently that made me think of you straight away; I would love to build your next fix around them.`,
          `I know how much you like ${liked} pieces, and I have a few in mind that I think would suit you well.`,
          `Your next fix could lean into the ${liked} looks you like, with a couple of new ideas to try alongside them.`,
        ] as const,
        turn,
      ),
    );
    factsUsed.push(`Preferred styles: ${input.client.preferredStyles.join(", ")}`);
  } else {
    paragraphs.push(
      inTurn(
        [
          "Tell me what you are in the mood for this season and I will put your next fix together around it.",
          "What would you like more of in your wardrobe right now? Tell me, and I will style your next fix around it.",
          "Is there something you have been missing in your wardrobe? I would love to find it for you.",
          "If your style has shifted lately, tell me how, and I will pick your next fix with that in mind.",
        ] as const,
        turn,
      ),
    );
  }
  const offer = input.offers.find((text) => !containsLink(text));
  if (offer) paragraphs.push(`As a thank-you for coming back: ${offer.charAt(0).toLowerCase()}${offer.slice(1)}.`);
  paragraphs.push("Just reply to this email or book below, and I will take it from there.");

  const subject = inTurn(subjects, turn);
  return {
    subject,
    preheader: styles.length ? `New ${listOf(styles)} picks from ${from}` : `A personal note from ${from}`,
    paragraphs,
    callToAction: "Book my next fix",
    factsUsed,
  };
}
