import { SettingsNav } from "@/components/settings/settings-nav";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageContext } from "@/lib/server/auth/session";

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  await requirePageContext("settings.manage");
  return (
    <>
      <PageHeader title="Settings" description="How Rekindle scores clients, sends email, and who can use it." />
      <SettingsNav />
      {children}
    </>
  );
}
