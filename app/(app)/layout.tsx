import { redirect } from "next/navigation";
import { AppShell } from "@/components/shell/app-shell";
import { currentActor } from "@/lib/server/auth/session";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  return <AppShell actor={actor}>{children}</AppShell>;
}
