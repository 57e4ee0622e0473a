import type { Metadata } from "next";
import { EmailPolicyForm } from "@/components/settings/email-policy-form";
import { Card } from "@/components/ui/card";
import { requirePageContext } from "@/lib/server/auth/session";
import { readSettings } from "@/lib/server/data/settings";

export const metadata: Metadata = { title: "Email policy" };

export default async function EmailPolicyPage() {
  const ctx = await requirePageContext("settings.manage");
  const p = await readSettings(ctx.db, "email_policy");
  return (
    <Card className="p-5 sm:p-8">
      <EmailPolicyForm
        defaults={{
          senderName: p.senderName,
          senderEmail: p.senderEmail,
          "autoSendTiers[]": p.autoSendTiers,
          "reviewTiers[]": p.reviewTiers,
          minDaysBetweenEmails: String(p.minDaysBetweenEmails),
          aiModel: p.aiModel,
        }}
      />
    </Card>
  );
}
