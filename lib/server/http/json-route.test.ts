import { afterEach, describe, expect, it, vi } from "vitest";
import type { UserActor } from "@/lib/domain/access/policy";
import { ConflictError, ForbiddenError, NotFoundError, TooLargeError, UnauthenticatedError, ValidationError } from "@/lib/server/errors";
import { userContext } from "@/test/fixtures";
import { errorResponse, jsonRoute } from "./json-route";

// The session is the one thing replaced: requests run as `session.actor`.
const session = vi.hoisted(() => ({ actor: null as UserActor | null }));
vi.mock("@/lib/server/auth/session", () => ({ currentActor: async () => session.actor }));

afterEach(() => vi.restoreAllMocks());

describe("errorResponse", () => {
  it("answers each kind of domain error with its status and message", async () => {
    const cases = [
      [new ValidationError({ kind: ["Choose clients or orders"] }), 400],
      [new UnauthenticatedError(), 401],
      [new ForbiddenError(), 403],
      [new NotFoundError("Import"), 404],
      [new ConflictError("This import is already running."), 409],
      [new TooLargeError("The file is too large."), 413],
    ] as const;
    for (const [error, status] of cases) {
      const response = errorResponse(error);
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({ error: error.message });
    }
    expect(await errorResponse(new ValidationError({ kind: ["Choose clients or orders"] })).json()).toEqual({
      error: "Some fields need attention.",
      fieldErrors: { kind: ["Choose clients or orders"] },
    });
  });

  it("answers anything else 500 without its details, and logs it", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = errorResponse(new Error("connection string postgres://secret"));
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).not.toContain("secret");
    expect(logged).toHaveBeenCalled();
  });
});

describe("jsonRoute", () => {
  const route = jsonRoute("data.import", async (ctx, id: string) => {
    if (id === "missing") throw new NotFoundError("Import");
    return Response.json({ id, actor: ctx.actor.type });
  });

  it("answers 401 without a session and 403 without the permission, before the handler runs", async () => {
    session.actor = null;
    expect((await route("x")).status).toBe(401);
    session.actor = (await userContext("stylist")).actor;
    expect((await route("x")).status).toBe(403);
  });

  it("hands the handler the caller's context and maps what it throws", async () => {
    session.actor = (await userContext("marketer")).actor;
    expect(await (await route("x")).json()).toEqual({ id: "x", actor: "user" });
    expect((await route("missing")).status).toBe(404);
  });
});
