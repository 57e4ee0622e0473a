import { isRedirectError } from "next/dist/client/components/redirect-error";
import { describe, expect, it, vi } from "vitest";
import type { Role, UserActor } from "@/lib/domain/access/policy";
import type { ActionState } from "@/lib/forms/action-state";
import { ACTION_ACCESS, HANDLER_ACCESS, PAGE_ACCESS } from "./access-matrix";
import { actionFiles, handlerRoutes, pageRoutes } from "./app-routes";
import { userContext } from "./fixtures";

// The session is the one thing replaced here: each call runs as the actor set below.
const session = vi.hoisted(() => ({ actor: null as UserActor | null }));
vi.mock("@/lib/server/auth/session", () => ({
  currentActor: async () => session.actor,
  requirePageContext: async () => {
    throw new Error("pages are checked over HTTP in e2e/access-matrix.spec.ts");
  },
}));
// Outside a Next.js request there is no cache to revalidate: the one other piece of the framework stood in for.
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

describe("the access matrix covers the whole app", () => {
  it("lists every page", () => {
    expect(pageRoutes()).toEqual(Object.keys(PAGE_ACCESS).sort());
  });

  it("lists every route handler", () => {
    expect(handlerRoutes()).toEqual(Object.keys(HANDLER_ACCESS).sort());
  });

  it("lists every server action", async () => {
    const found: string[] = [];
    for (const file of actionFiles()) {
      const exported = (await import(`@/app/${file}`)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exported)) if (typeof value === "function") found.push(`${file}#${name}`);
    }
    expect(found.sort()).toEqual(Object.keys(ACTION_ACCESS).sort());
  });
});

const DENIED = /not allowed|session has ended/;
const guarded = Object.entries(ACTION_ACCESS).filter((entry): entry is [string, readonly Role[]] => entry[1] !== "public");

/**
 * What every allowed role must get from each action given an empty form: a validation error naming fields, or
 * success (a redirect counts as success). Anything else, a crash answered with the generic message included, fails.
 */
const EMPTY_FORM_OUTCOME: Record<string, "validation" | "success"> = {
  "(app)/clients/actions.ts#createClientAction": "validation",
  "(app)/clients/actions.ts#updateClientAction": "validation",
  "(app)/clients/actions.ts#createOrderAction": "validation",
  "(app)/clients/actions.ts#updateOrderAction": "validation",
  "(app)/clients/actions.ts#cancelOrderAction": "validation",
  "(app)/clients/actions.ts#reassignClientsAction": "validation",
  "(app)/clients/actions.ts#saveViewAction": "validation",
  "(app)/clients/actions.ts#deleteViewAction": "validation",
  "(app)/today/actions.ts#snoozeClientAction": "validation",
  "(app)/today/actions.ts#logContactAction": "validation",
  "(app)/clients/actions.ts#logClientContactAction": "validation",
  "(app)/settings/actions.ts#updateEngagementSettingsAction": "validation",
  "(app)/settings/actions.ts#updateEmailPolicyAction": "validation",
  "(app)/settings/actions.ts#createUserAction": "validation",
  "(app)/settings/actions.ts#changeUserRoleAction": "validation",
  "(app)/settings/actions.ts#setUserActiveAction": "validation",
  "(app)/settings/actions.ts#setUserPasswordAction": "validation",
  "(app)/settings/actions.ts#assignClientsAction": "validation",
  "(app)/settings/actions.ts#createApiKeyAction": "validation",
  "(app)/settings/actions.ts#revokeApiKeyAction": "validation",
  "(app)/settings/actions.ts#updateShopifySettingsAction": "validation",
  // Starting a full rescoring takes no input: an empty form starts one.
  "(app)/settings/actions.ts#startFullRescoreAction": "success",
  "(app)/settings/actions.ts#updateScoringScheduleAction": "validation",
  "(app)/settings/actions.ts#replayRunAction": "validation",
  "(app)/import/actions.ts#startImportAction": "validation",
  "(app)/settings/demo/actions.ts#startDemoRescoreAction": "validation",
  "(app)/settings/demo/actions.ts#overrideClientTierAction": "validation",
  "(app)/settings/demo/actions.ts#clearTierOverrideAction": "validation",
  "(app)/emails/actions.ts#editEmailAction": "validation",
  "(app)/emails/actions.ts#approveEmailsAction": "validation",
  "(app)/emails/actions.ts#discardEmailAction": "validation",
  "(app)/emails/actions.ts#sendEmailNowAction": "validation",
  "(app)/settings/actions.ts#updateWinBackSettingsAction": "validation",
  // Sending what is due takes no input: an empty form sends (nothing, in an empty database).
  "(app)/emails/actions.ts#sendDueEmailsAction": "success",
  // Both fields are optional: an empty form clears the signature and voice note.
  "(app)/emails/actions.ts#updateEmailProfileAction": "success",
};

type Outcome = "denied" | "validation" | "success" | { unexpected: unknown };

/** Runs the action and classifies its answer; a redirect (thrown, as Next.js does) is a success. */
async function outcomeOf(action: (s: ActionState, f: FormData) => Promise<ActionState>): Promise<Outcome> {
  let result: ActionState;
  try {
    result = await action({ status: "idle" }, new FormData());
  } catch (error) {
    return isRedirectError(error) ? "success" : { unexpected: error };
  }
  if (result.status === "success") return "success";
  if (result.status === "error" && DENIED.test(result.message)) return "denied";
  if (result.status === "error" && Object.keys(result.fieldErrors).length > 0) return "validation";
  return { unexpected: result };
}

describe("the matrix states what an empty form gets from every action", () => {
  it("covers every guarded action", () => {
    expect(Object.keys(EMPTY_FORM_OUTCOME).sort()).toEqual(guarded.map(([key]) => key).sort());
  });
});

describe("server actions refuse everyone the matrix does not allow, and answer the others", () => {
  it.each(guarded)("%s", async (key, allowed) => {
    const [file, name] = key.split("#") as [string, string];
    const action = ((await import(`@/app/${file}`)) as Record<string, (s: ActionState, f: FormData) => Promise<ActionState>>)[name];
    if (!action) throw new Error(`${key} is not exported`);

    session.actor = null;
    const anonymous = await action({ status: "idle" }, new FormData());
    expect(anonymous.status === "error" && anonymous.message).toMatch(/session has ended/);

    for (const role of ["admin", "marketer", "stylist"] as const) {
      session.actor = (await userContext(role)).actor;
      const outcome = await outcomeOf(action);
      expect({ role, outcome }).toEqual({ role, outcome: allowed.includes(role) ? EMPTY_FORM_OUTCOME[key] : "denied" });
    }
  });
});
