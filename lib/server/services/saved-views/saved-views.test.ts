import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { auditLog } from "@/lib/server/db/schema";
import { listSavedViews } from "@/lib/server/data/saved-views";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { userContext } from "@/test/fixtures";
import { deleteView } from "./delete-view";
import { saveView } from "./save-view";

describe("saved views", () => {
  it("stores a user's view with only what the list understands, lists it for them alone, and deletes it", async () => {
    const ann = await userContext("stylist");
    const bob = await userContext("marketer");
    const view = await saveView({ ctx: ann, input: { name: " Slipping, overdue ", query: "tier=at_risk&tier=lapsed&overdue=14&pMax=30&after=abc&junk=1&sort=score&dir=asc" } });
    expect(view).toMatchObject({ name: "Slipping, overdue", query: "tier=at_risk%2Clapsed&pMax=30&overdue=14&sort=score&dir=asc", userId: ann.actor.id });
    expect(await listSavedViews(ann)).toEqual([{ id: view.id, name: "Slipping, overdue", query: view.query }]);
    expect(await listSavedViews(bob)).toEqual([]);

    // One name per user, whatever its case; another user may use it.
    await expect(saveView({ ctx: ann, input: { name: "SLIPPING, OVERDUE", query: "" } })).rejects.toBeInstanceOf(ConflictError);
    await saveView({ ctx: bob, input: { name: "Slipping, overdue", query: "newly=1" } });

    await expect(deleteView({ ctx: bob, input: { viewId: view.id } })).rejects.toBeInstanceOf(NotFoundError);
    await deleteView({ ctx: ann, input: { viewId: view.id } });
    expect(await listSavedViews(ann)).toEqual([]);
    expect(await db.$count(auditLog, eq(auditLog.entityType, "saved_view"))).toBe(3);
  });

  it("names the field when the name is missing", async () => {
    const ann = await userContext("admin");
    const error = await saveView({ ctx: ann, input: { name: "  ", query: "" } }).catch((e: unknown) => e);
    expect((error as ValidationError).fieldErrors).toEqual({ name: ["Name the view"] });
  });
});
