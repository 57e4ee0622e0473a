import { redirect } from "next/navigation";
import { landingPath } from "@/lib/domain/access/landing";
import { currentActor } from "@/lib/server/auth/session";

/** One landing page per role. */
export default async function Home() {
  const actor = await currentActor();
  redirect(actor ? landingPath(actor) : "/login");
}
