import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { DAYTIME, clientWithFix } from "@/test/email-fixtures";
import { userContext } from "@/test/fixtures";

// Resend signs webhooks the Svix way: HMAC-SHA256 over "id.timestamp.body" with the base64 secret after "whsec_".
const SECRET = vi.hoisted(() => {
  const secret = "whsec_dGVzdC1vbmx5LXJlc2VuZC13ZWJob29rLXNlY3JldA==";
  process.env.RESEND_WEBHOOK_SECRET = secret;
  return secret;
});
const { POST } = await import("./route");
const { POST: oneClick } = await import("@/app/api/unsubscribe/[token]/route");
const { db } = await import("@/lib/server/db/client");
const { clients, emailEvents, emailSuppressions, winBackEmails } = await import("@/lib/server/db/schema");
const { draftEmail } = await import("@/lib/server/services/emails/draft-email");
const { approveEmail } = await import("@/lib/server/services/emails/approve-email");
const { sendWinBackEmail } = await import("@/lib/server/services/emails/send-win-back-email");
const { unsubscribeUrls } = await import("@/lib/server/emails/compose-win-back");
const { claimSendBatch } = await import("@/lib/server/services/emails/claim-send-batch");
const { deliverSendBatch } = await import("@/lib/server/services/emails/deliver-send-batch");
const { clientEligibility } = await import("@/lib/server/data/email-eligibility");
const { sendBatchKey } = await import("@/lib/domain/email/send-batch");

function signed(body: string, options: { id?: string; at?: Date; secret?: string } = {}) {
  const id = options.id ?? `msg_${randomUUID()}`;
  const ts = Math.floor((options.at ?? new Date()).getTime() / 1000).toString();
  const key = Buffer.from((options.secret ?? SECRET).replace(/^whsec_/, ""), "base64");
  const signature = createHmac("sha256", key).update(`${id}.${ts}.${body}`).digest("base64");
  return new Request("http://localhost/api/webhooks/resend", { method: "POST", headers: { "svix-id": id, "svix-timestamp": ts, "svix-signature": `v1,${signature}`, "content-type": "application/json" }, body });
}

async function sentEmail() {
  const stylist = await userContext("stylist");
  const client = await clientWithFix(stylist, stylist.actor.id);
  const email = await draftEmail({ ctx: stylist, input: { clientId: client.id } });
  await approveEmail({ ctx: stylist, input: { emailId: email.id }, now: DAYTIME });
  const sent = await sendWinBackEmail({ ctx: stylist, input: { emailId: email.id }, now: DAYTIME });
  if (sent.outcome !== "sent") throw new Error("not sent");
  return { email: sent.email, client };
}

/** An approved email its send batch has claimed ("sending"), as the batch's call to Resend begins. */
async function claimedEmail() {
  const stylist = await userContext("stylist");
  const client = await clientWithFix(stylist, stylist.actor.id);
  const email = await draftEmail({ ctx: stylist, input: { clientId: client.id } });
  await approveEmail({ ctx: stylist, input: { emailId: email.id }, now: DAYTIME });
  const batchKey = sendBatchKey([email.id]);
  expect((await claimSendBatch({ ctx: stylist, input: { emailIds: [email.id], batchKey }, now: DAYTIME })).claimed).toEqual([email.id]);
  return { stylist, client, email, batchKey };
}

const event = (type: string, emailId: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ type, created_at: new Date().toISOString(), data: { email_id: `re_${emailId.slice(0, 8)}`, tags: { email_id: emailId }, ...extra } });

describe("POST /api/webhooks/resend", () => {
  it("moves the email along on validly signed events, once per delivery id", async () => {
    const { email } = await sentEmail();
    const delivered = signed(event("email.delivered", email.id), { id: "msg_1" });
    expect((await POST(delivered)).status).toBe(200);
    expect(await (await POST(signed(event("email.delivered", email.id), { id: "msg_1" }))).json()).toMatchObject({ recorded: false });
    expect(await (await POST(signed(event("email.opened", email.id)))).json()).toMatchObject({ state: "opened" });
    // A late or delayed event is stored but changes nothing.
    expect(await (await POST(signed(event("email.delivery_delayed", email.id)))).json()).toMatchObject({ recorded: true, state: "opened" });
    expect(await db.$count(emailEvents, eq(emailEvents.emailId, email.id))).toBe(3);
  });

  it("records the send when Resend reports it before the batch does, so the gap between emails counts it", async () => {
    const { stylist, client, email, batchKey } = await claimedEmail();
    // Resend accepted the batch, but its answer never reached us; its webhook did.
    expect(await (await POST(signed(event("email.sent", email.id)))).json()).toMatchObject({ recorded: true, state: "sent" });
    const [row] = await db.select().from(winBackEmails).where(eq(winBackEmails.id, email.id));
    expect(row).toMatchObject({ state: "sent", providerId: `re_${email.id.slice(0, 8)}`, transport: "resend" });
    expect(row?.sentAt).toBeInstanceOf(Date);
    // The batch's retry finds nothing left to send or record, and the facts stay.
    expect(await deliverSendBatch({ ctx: stylist, input: { emailIds: [email.id], batchKey } })).toMatchObject({ sent: [], failed: [] });
    const [after] = await db.select({ sentAt: winBackEmails.sentAt, providerId: winBackEmails.providerId }).from(winBackEmails).where(eq(winBackEmails.id, email.id));
    expect(after).toEqual({ sentAt: row?.sentAt, providerId: row?.providerId });
    expect(await clientEligibility(db, { clientId: client.id, minDaysBetweenEmails: 14, now: new Date() })).toMatchObject({ eligible: false, reason: "too_soon" });
  });

  it("counts an email recorded failed as sent once Resend reports it delivered after all", async () => {
    const { client, email } = await claimedEmail();
    // Every attempt's answer was lost, so the batch recorded the email failed; Resend had accepted it all the same.
    await db.update(winBackEmails).set({ state: "failed", lastError: "The request to Resend timed out." }).where(eq(winBackEmails.id, email.id));
    const deliveredAt = new Date(Date.now() - 5 * 60_000);
    const delivered = JSON.stringify({ ...JSON.parse(event("email.delivered", email.id)), created_at: deliveredAt.toISOString() });
    expect(await (await POST(signed(delivered))).json()).toMatchObject({ recorded: true, state: "delivered" });
    const [row] = await db.select().from(winBackEmails).where(eq(winBackEmails.id, email.id));
    // Recorded as sent when Resend says it happened, not when its report reached us.
    expect(row).toMatchObject({ state: "delivered", providerId: `re_${email.id.slice(0, 8)}`, transport: "resend", lastError: null, sentAt: deliveredAt });
    expect(await clientEligibility(db, { clientId: client.id, minDaysBetweenEmails: 14, now: new Date() })).toMatchObject({ eligible: false, reason: "too_soon" });
  });

  it("records an event whose time the database cannot hold, or that has not come yet, as received, never a 500", async () => {
    for (const createdAt of ["0000-01-01T00:00:00Z", "2999-01-01T00:00:00Z"]) {
      // Claimed by its batch, so Resend's report of it is what records the send, and when.
      const { email } = await claimedEmail();
      const body = JSON.stringify({ ...JSON.parse(event("email.sent", email.id)), created_at: createdAt });
      const response = await POST(signed(body));
      expect(response.status, createdAt).toBe(200);
      expect(await response.json()).toMatchObject({ recorded: true, state: "sent" });
      const [row] = await db.select().from(winBackEmails).where(eq(winBackEmails.id, email.id));
      expect(Math.abs((row?.sentAt?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    }
  });

  it("records a signed event holding text the database cannot (a NUL, half a surrogate pair), without it, never a 500", async () => {
    const { email } = await sentEmail();
    const body = event("email.bounced", email.id, { bounce: { type: "Permanent", message: "Mailbox \u0000full \ud800" }, subject: "Hi\u0000" });
    const response = await POST(signed(body));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ recorded: true, state: "bounced" });
    const [stored] = await db.select({ payload: emailEvents.payload }).from(emailEvents).where(eq(emailEvents.emailId, email.id));
    expect(stored?.payload).toMatchObject({ data: { bounce: { message: "Mailbox full \ufffd" }, subject: "Hi" } });
  });

  it("keeps a failure Resend itself reported, whatever arrives after it", async () => {
    const { email } = await sentEmail();
    expect(await (await POST(signed(event("email.failed", email.id)))).json()).toMatchObject({ recorded: true, state: "failed" });
    // A delivery reported out of order after Resend's own failure does not bring it back.
    expect(await (await POST(signed(event("email.delivered", email.id)))).json()).toMatchObject({ recorded: true, state: "failed" });
  });

  it("refuses a tampered body, a wrong secret and a stale timestamp", async () => {
    const { email } = await sentEmail();
    const body = event("email.delivered", email.id);
    const tampered = signed(body);
    const forged = new Request(tampered.url, { method: "POST", headers: tampered.headers, body: body.replace("delivered", "clicked") });
    expect((await POST(forged)).status).toBe(401);
    expect((await POST(signed(body, { secret: `whsec_${randomBytes(24).toString("base64")}` }))).status).toBe(401);
    expect((await POST(signed(body, { at: new Date(Date.now() - 10 * 60_000) }))).status).toBe(401);
    const [row] = await db.select({ state: winBackEmails.state }).from(winBackEmails).where(eq(winBackEmails.id, email.id));
    expect(row?.state).toBe("sent");
  });

  it("answers 200 for an unknown email and records it", async () => {
    const response = await POST(signed(event("email.delivered", randomUUID())));
    expect(response.status).toBe(200);
    expect(await db.$count(emailEvents)).toBe(1);
  });

  it("suppresses the address on a hard bounce, not on a soft one", async () => {
    const { email } = await sentEmail();
    await POST(signed(event("email.bounced", email.id, { bounce: { type: "Transient" } })));
    expect(await db.$count(emailSuppressions)).toBe(0);
    await POST(signed(event("email.bounced", email.id, { bounce: { type: "Permanent" } })));
    expect(await db.select({ reason: emailSuppressions.reason }).from(emailSuppressions)).toEqual([{ reason: "bounced" }]);
  });
});

describe("POST /api/unsubscribe/[token] (one-click)", () => {
  it("unsubscribes with the signed token and refuses a forged one", async () => {
    const { email, client } = await sentEmail();
    const url = unsubscribeUrls(email.id).oneClick;
    const token = decodeURIComponent(url.split("/").pop() ?? "");
    const forged = await oneClick(new Request(url, { method: "POST", body: "List-Unsubscribe=One-Click" }), { params: Promise.resolve({ token: `${token.slice(0, -2)}xx` }) });
    expect(forged.status).toBe(404);
    const response = await oneClick(new Request(url, { method: "POST", body: "List-Unsubscribe=One-Click" }), { params: Promise.resolve({ token }) });
    expect(response.status).toBe(200);
    const [after] = await db.select({ consent: clients.marketingConsent }).from(clients).where(eq(clients.id, client.id));
    expect(after?.consent).toBe(false);
  });
});
