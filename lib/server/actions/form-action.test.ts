import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { UserActor } from "@/lib/domain/access/policy";
import { clientInputSchema } from "@/lib/domain/clients/client-input";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import { userContext } from "@/test/fixtures";
import { formAction } from "./form-action";

// The session is the one thing replaced: actions run as `session.actor`.
const session = vi.hoisted(() => ({ actor: null as UserActor | null }));
vi.mock("@/lib/server/auth/session", () => ({ currentActor: async () => session.actor }));

function form(fields: Record<string, string | string[]>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(name, v);
  return data;
}

describe("formAction", () => {
  it("hands the handler the form parsed by the action's schema", async () => {
    session.actor = (await userContext("admin")).actor;
    const received = vi.fn();
    const action = formAction("clients.create", clientInputSchema, async ({ input }) => {
      received(input);
    });
    const state = await action({ status: "idle" }, form({ name: " Ada ", email: "ada@example.com", marketingConsent: "on", "preferredStyles[]": ["classic", "boho"], "sizes.top": "M" }));
    expect(state).toEqual({ status: "success", message: "Saved." });
    expect(received).toHaveBeenCalledWith(expect.objectContaining({ name: "Ada", marketingConsent: true, preferredStyles: ["classic", "boho"], sizes: { top: "M" }, stylistId: null }));
  });

  it("names each bad field without calling the handler, and keeps what was typed except passwords", async () => {
    session.actor = (await userContext("admin")).actor;
    const handler = vi.fn();
    const action = formAction("users.manage", z.object({ name: z.string().min(1, "Enter a name"), password: z.string().min(12, "Too short") }), handler);
    const state = await action({ status: "idle" }, form({ name: "", password: "short" }));
    expect(state).toEqual({ status: "error", message: "Some fields need attention.", fieldErrors: { name: ["Enter a name"], password: ["Too short"] }, values: { name: "" } });
    expect(handler).not.toHaveBeenCalled();
  });

  it("refuses before parsing: no session, or no permission", async () => {
    const action = formAction("users.manage", z.object({ name: z.string() }), async () => {});
    session.actor = null;
    expect(await action({ status: "idle" }, form({}))).toMatchObject({ status: "error", message: expect.stringMatching(/session has ended/) });
    session.actor = (await userContext("stylist")).actor;
    expect(await action({ status: "idle" }, form({}))).toMatchObject({ status: "error", message: "You are not allowed to do that.", fieldErrors: {} });
  });

  it("shows a domain error beside its field or above the form, and anything else as a generic message", async () => {
    session.actor = (await userContext("admin")).actor;
    const failing = (error: Error) => formAction("clients.create", z.object({}), async () => Promise.reject(error));
    expect(await failing(new ConflictError("Another client already uses this email address.", "email"))({ status: "idle" }, form({ email: "a@b.co" }))).toEqual({
      status: "error",
      message: "Another client already uses this email address.",
      fieldErrors: { email: ["Another client already uses this email address."] },
      values: { email: "a@b.co" },
    });
    expect(await failing(new NotFoundError("Client"))({ status: "idle" }, form({}))).toMatchObject({ message: "Client was not found.", fieldErrors: {} });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await failing(new Error("relation does not exist"))({ status: "idle" }, form({}))).toMatchObject({ message: expect.stringMatching(/Something went wrong on our side/) });
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });
});
