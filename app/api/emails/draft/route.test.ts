import { describe, expect, it, vi } from "vitest";
import type { UserActor } from "@/lib/domain/access/policy";
import { clientWithFix } from "@/test/email-fixtures";
import { userContext } from "@/test/fixtures";
import { POST } from "./route";

// The session is the one thing replaced: requests run as `session.actor`.
const session = vi.hoisted(() => ({ actor: null as UserActor | null }));
vi.mock("@/lib/server/auth/session", () => ({ currentActor: async () => session.actor }));

const draftRequest = (clientId: string) =>
  new Request("http://localhost/api/emails/draft", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ clientId }) });

describe("POST /api/emails/draft", () => {
  it("streams a draft for a client of the stylist's own, and answers 404 for another stylist's, before any stream", async () => {
    const mine = await userContext("stylist");
    const theirs = await userContext("stylist");
    if (mine.actor.type !== "user" || theirs.actor.type !== "user") throw new Error("stylists expected");
    const own = await clientWithFix(mine, mine.actor.id);
    const other = await clientWithFix(theirs, theirs.actor.id);
    session.actor = mine.actor;

    const refused = await POST(draftRequest(other.id));
    expect(refused.status).toBe(404);
    expect(refused.headers.get("content-type")).toContain("application/json");
    expect(JSON.stringify(await refused.json())).not.toContain(other.name);

    const streamed = await POST(draftRequest(own.id));
    expect(streamed.status).toBe(200);
    const lines = (await streamed.text()).trim().split("\n").map((line) => JSON.parse(line) as { type: string });
    expect(lines.at(-1)?.type).toBe("saved");
  });
});
