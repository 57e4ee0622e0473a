import { requirePageContext } from "@/lib/server/auth/session";

// Access is checked here, before the loading skeleton streams, so a refused visit still answers 403.
export default async function ImportLayout({ children }: { children: React.ReactNode }) {
  await requirePageContext("data.import");
  return children;
}
