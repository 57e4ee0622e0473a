import { redirect } from "next/navigation";
import { AppShell } from "@/components/shell/app-shell";
import { TimeZoneProvider } from "@/components/ui/time-zone";
import { currentActor } from "@/lib/server/auth/session";
import { viewerTimeZone } from "@/lib/server/http/viewer-time-zone";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  return (
    <TimeZoneProvider zone={await viewerTimeZone()}>
      <AppShell actor={actor}>{children}</AppShell>
    </TimeZoneProvider>
  );
}
