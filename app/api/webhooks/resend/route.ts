import { receiveResendWebhook } from "@/lib/server/mail/resend-webhook";

export const dynamic = "force-dynamic";

/** Resend's delivery events (delivered, opened, clicked, bounced, complained, delayed), signed with Svix. */
export const POST = receiveResendWebhook;
