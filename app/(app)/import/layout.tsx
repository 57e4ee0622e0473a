import { requirePageContext } from "@/lib/server/auth/session";

// Access is checked here, before anything streams, so a refused visit answers 403 (Import has no loading skeleton for that reason).
export default async function ImportLayout({ children }: { children: React.ReactNode }) {
  await requirePageContext("data.import");
  return children;
}
