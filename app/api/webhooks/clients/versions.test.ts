import { and, asc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { auditLog, clients, emailSuppressions } from "@/lib/server/db/schema";
import { connectShopify, shopifyDelivery } from "@/test/shopify-requests";
import { json, signedRequest, webhookKey } from "@/test/webhook-requests";
import { POST as shopifyPost } from "../shopify/route";
import { POST } from "./route";


const PATH = "/api/webhooks/clients";
const JAN = "2026-01-15T10:00:00Z";
const FEB = "2026-02-15T10:00:00Z";
let events = 0;

async function client(email: string) {
  const [row] = await db.select().from(clients).where(eq(clients.email, email));
  return row;
}

async function consentAudit(clientId: string | undefined) {
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "client.consent"), eq(auditLog.entityId, clientId ?? "")))
    .orderBy(asc(auditLog.createdAt));
  return rows.map((r) => ({ actor: r.actorLabel, consent: (r.after as { marketingConsent: boolean }).marketingConsent }));
}

describe("client profiles are versioned: an older change never overwrites a newer one", () => {
  it("keeps a withdrawal of consent when January's subscribe is sent again under a new event id", async () => {
    const key = await webhookKey("clients:write");
    const send = async (profile: Record<string, unknown>) => json(await POST(signedRequest(PATH, { event_id: `v-${++events}`, client: profile }, key)));
    const january = { email: "ada@example.com", name: "Ada", marketing_consent: true, updated_at: JAN };
    expect(await send(january)).toMatchObject({ created: 1 });
    expect(await send({ email: "ada@example.com", name: "Ada Lovelace", marketing_consent: false, updated_at: FEB })).toMatchObject({ updated: 1 });

    // The January body again, as a late retry or a replay under a new event id: answered, but it changes nothing.
    expect(await send(january)).toMatchObject({ status: "accepted", unchanged: 1, results: [{ outcome: "unchanged" }] });
    const ada = await client("ada@example.com");
    expect(ada).toMatchObject({ name: "Ada Lovelace", marketingConsent: false });
    // Who gave consent and who withdrew it, each in the audit log.
    expect(await consentAudit(ada?.id)).toEqual([
      { actor: "system:webhook-key:OMS clients:write", consent: true },
      { actor: "system:webhook-key:OMS clients:write", consent: false },
    ]);
  });

  it("gives no consent from outside to a suppressed address, however new the profile, until the suppression is lifted", async () => {
    const key = await webhookKey("clients:write");
    const send = async (profile: Record<string, unknown>) => json(await POST(signedRequest(PATH, { event_id: `v-${++events}`, client: profile }, key)));
    await send({ email: "una@example.com", name: "Una", marketing_consent: true, updated_at: JAN });
    // Una unsubscribed through an email's link (withdrawn, and the address suppressed), as the unsubscribe verb does.
    await db.update(clients).set({ marketingConsent: false }).where(eq(clients.email, "una@example.com"));
    await db.insert(emailSuppressions).values({ address: "una@example.com", reason: "unsubscribed" });
    // An old spreadsheet's row, dated by its upload: newer than the unsubscribe, and still it gives no consent.
    await send({ email: "Una@Example.com ", name: "Una Ott", marketing_consent: true, updated_at: FEB });
    expect(await client("una@example.com")).toMatchObject({ name: "Una Ott", marketingConsent: false });
    // Nor does a new client whose address is suppressed start with consent.
    await db.insert(emailSuppressions).values({ address: "vik@example.com", reason: "complained" });
    await send({ email: "vik@example.com", name: "Vik", marketing_consent: true, updated_at: FEB });
    expect(await client("vik@example.com")).toMatchObject({ marketingConsent: false });
    // Lifted, a newer grant counts again.
    await db.delete(emailSuppressions).where(eq(emailSuppressions.address, "una@example.com"));
    await send({ email: "una@example.com", name: "Una Ott", marketing_consent: true, updated_at: "2026-03-15T10:00:00Z" });
    expect(await client("una@example.com")).toMatchObject({ marketingConsent: true });
  });

  it("lets the newest profile of a batch win whatever the order, and a withdrawal win a tie", async () => {
    const key = await webhookKey();
    const body = {
      event_id: `v-${++events}`,
      clients: [
        { email: "bo@example.com", name: "Bo (February)", marketing_consent: false, updated_at: FEB },
        { email: "bo@example.com", name: "Bo (January)", marketing_consent: true, updated_at: JAN },
        { email: "cy@example.com", name: "Cy", marketing_consent: false, updated_at: JAN },
        { email: "cy@example.com", name: "Cy", marketing_consent: true, updated_at: JAN },
      ],
    };
    expect((await POST(signedRequest(PATH, body, key))).status).toBe(200);
    expect(await client("bo@example.com")).toMatchObject({ name: "Bo (February)", marketingConsent: false });
    expect(await client("cy@example.com")).toMatchObject({ marketingConsent: false });
  });

  it("still applies a withdrawal dated before a later change of other fields", async () => {
    const key = await webhookKey();
    const send = (profile: Record<string, unknown>) => POST(signedRequest(PATH, { event_id: `v-${++events}`, client: profile }, key));
    await send({ email: "di@example.com", name: "Di", marketing_consent: true, updated_at: JAN });
    await send({ email: "di@example.com", name: "Diana", updated_at: "2026-03-01T00:00:00Z" });
    // A withdrawal made in February but delivered late: the name stays March's, the consent goes.
    await send({ email: "di@example.com", name: "Di", marketing_consent: false, updated_at: FEB });
    expect(await client("di@example.com")).toMatchObject({ name: "Diana", marketingConsent: false });
  });

  it("400 naming updated_at when a profile has no version", async () => {
    const key = await webhookKey();
    const response = await POST(signedRequest(PATH, { event_id: `v-${++events}`, client: { email: "ed@example.com", name: "Ed" } }, key));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ path: "client.updated_at" }] });
  });
});

describe("Shopify customers/update is versioned by the customer's updated_at", () => {
  beforeEach(connectShopify);

  const customer = (state: "subscribed" | "unsubscribed", updatedAt: string, firstName = "Bob") =>
    JSON.stringify({ id: 706405506930370084, email: "bob@biller.com", first_name: firstName, last_name: "Biller", updated_at: updatedAt, email_marketing_consent: { state } });

  it("keeps a withdrawal when January's subscribed customer comes again under a new webhook id", async () => {
    const january = customer("subscribed", "2026-01-15T05:00:00-05:00");
    expect((await shopifyPost(shopifyDelivery("customers/update", january))).status).toBe(200);
    expect((await shopifyPost(shopifyDelivery("customers/update", customer("unsubscribed", "2026-02-15T05:00:00-05:00", "Robert")))).status).toBe(200);
    const again = await shopifyPost(shopifyDelivery("customers/update", january));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ unchanged: 1 });
    expect(await client("bob@biller.com")).toMatchObject({ name: "Robert Biller", marketingConsent: false });
    const bob = await client("bob@biller.com");
    expect(await consentAudit(bob?.id)).toEqual([
      { actor: "system:webhook:shopify", consent: true },
      { actor: "system:webhook:shopify", consent: false },
    ]);
  });
});
