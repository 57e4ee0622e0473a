import "server-only";
import { Resend } from "resend";
import { z } from "zod";
import { DELIVERY_EVENTS, type DeliveryEvent } from "@/lib/domain/email/lifecycle";
import { storableJson } from "@/lib/domain/ingest/safe-json";
import { env } from "@/lib/env";
import { contextFor } from "@/lib/server/context";
import { recordDeliveryEvent } from "@/lib/server/services/emails/record-delivery-event";

const tagsSchema = z.union([z.record(z.string(), z.string()), z.array(z.object({ name: z.string(), value: z.string() })).transform((tags) => Object.fromEntries(tags.map((t) => [t.name, t.value])))]);

const resendEventSchema = z.object({
  type: z.string().min(1),
  created_at: z.string().optional(),
  data: z
    .object({
      email_id: z.string().optional(),
      tags: tagsSchema.optional(),
      bounce: z.object({ type: z.string().optional() }).passthrough().optional(),
    })
    .passthrough()
    .default({}),
});

const WEBHOOK_ACTOR = contextFor({ type: "system", name: "resend-webhook" });

function deliveryEventOf(type: string): DeliveryEvent | null {
  const name = type.replace(/^email\./, "");
  return (DELIVERY_EVENTS as readonly string[]).includes(name) ? (name as DeliveryEvent) : null;
}

/**
 * A Resend webhook delivery: the Svix signature is checked against the raw body (a stale timestamp or a changed
 * byte is refused with 401), then the event is recorded. Events we do not track, or for emails we do not know, are
 * answered 200 so Resend stops retrying them.
 */
export async function receiveResendWebhook(request: Request): Promise<Response> {
  if (!env.RESEND_WEBHOOK_SECRET) return Response.json({ error: "Resend webhooks are not configured: set RESEND_WEBHOOK_SECRET." }, { status: 503 });
  const payload = await request.text();
  const headers = { id: request.headers.get("svix-id") ?? "", timestamp: request.headers.get("svix-timestamp") ?? "", signature: request.headers.get("svix-signature") ?? "" };
  try {
    new Resend(env.RESEND_API_KEY ?? "re_verify_only").webhooks.verify({ payload, headers, webhookSecret: env.RESEND_WEBHOOK_SECRET });
  } catch {
    return Response.json({ error: "Invalid or stale webhook signature." }, { status: 401 });
  }
  let body: z.infer<typeof resendEventSchema>;
  // Signed, so real: what the database cannot hold (a NUL, half a surrogate pair) is dropped rather than refused,
  // since a refusal would have Resend send it again and again.
  let event: unknown;
  try {
    event = storableJson(JSON.parse(payload));
    body = resendEventSchema.parse(event);
  } catch {
    return Response.json({ error: "The body is not a Resend event: it needs a type and data." }, { status: 400 });
  }
  const type = deliveryEventOf(body.type);
  if (!type) return Response.json({ ignored: body.type });
  const tagged = body.data.tags?.email_id;
  const result = await recordDeliveryEvent({
    ctx: WEBHOOK_ACTOR,
    input: {
      deliveryId: headers.id,
      type,
      providerId: body.data.email_id ?? null,
      emailId: tagged && z.uuid().safeParse(tagged).success ? tagged : null,
      bounceType: body.data.bounce?.type ?? null,
      occurredAt: body.created_at && Number.isFinite(Date.parse(body.created_at)) ? body.created_at : null,
      payload: event,
    },
  });
  return Response.json(result);
}
