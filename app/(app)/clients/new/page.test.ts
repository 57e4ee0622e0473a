import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { contextFor } from "@/lib/server/context";
import { userContext } from "@/test/fixtures";
import NewClientPage from "./page";

// The session is the one thing replaced: the page renders for this user.
const session = vi.hoisted(() => ({ ctx: null as unknown }));
vi.mock("@/lib/server/auth/session", () => ({ requirePageContext: async () => session.ctx }));

describe("the new-client page", () => {
  it("never pre-gives marketing consent: the box starts unticked", async () => {
    for (const role of ["admin", "stylist"] as const) {
      session.ctx = contextFor((await userContext(role)).actor);
      const html = renderToString(await NewClientPage());
      const checkbox = html.match(/<input[^>]*name="marketingConsent"[^>]*>/)?.[0];
      expect(checkbox).toBeDefined();
      expect({ role, checked: /\schecked(=|\s|>|\/)/.test(checkbox ?? "") }).toEqual({ role, checked: false });
    }
  });
});
