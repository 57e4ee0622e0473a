import type { Metadata } from "next";
import { EmailPolicyForm } from "@/components/settings/email-policy-form";
import { WinBackSettingsForm } from "@/components/settings/win-back-settings-form";
import { Card } from "@/components/ui/card";
import { outreachRoute } from "@/lib/domain/email/outreach";
import { requirePageContext } from "@/lib/server/auth/session";
import { readSettings } from "@/lib/server/data/settings";

export const metadata: Metadata = { title: "Email policy" };

export default async function EmailPolicyPage() {
  const ctx = await requirePageContext("settings.manage");
  const [p, w] = await Promise.all([readSettings(ctx.db, "email_policy"), readSettings(ctx.db, "win_back")]);
  return (
    <div className="space-y-6">
      <Card className="p-5 sm:p-8">
        <EmailPolicyForm
          defaults={{
            senderName: p.senderName,
            senderEmail: p.senderEmail,
            "route.at_risk": outreachRoute("at_risk", p),
            "route.lapsed": outreachRoute("lapsed", p),
            minDaysBetweenEmails: String(p.minDaysBetweenEmails),
            aiModel: p.aiModel,
          }}
        />
      </Card>
      <Card className="p-5 sm:p-8">
        <WinBackSettingsForm
          defaults={{
            ...Object.fromEntries(Object.entries(w).map(([k, v]) => [k, String(v)])),
            allowedOffers: w.allowedOffers.join("\n"),
          }}
        />
      </Card>
    </div>
  );
}
