import type { UserActor } from "./policy";

/** Where each role starts: a stylist on their work list, everyone else on the overview. */
export function landingPath(actor: UserActor): "/today" | "/overview" {
  return actor.role === "stylist" ? "/today" : "/overview";
}
