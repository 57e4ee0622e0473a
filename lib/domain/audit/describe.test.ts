import { describe, expect, it } from "vitest";
import { actionText, describedChanges, fieldLabel } from "./describe";

describe("audit rows in words", () => {
  it("says what an action did", () => {
    expect(actionText("user.role.change")).toBe("changed the role of");
    expect(actionText("order.cancel")).toBe("cancelled an order of");
    expect(actionText("something.new_thing")).toBe("something new thing");
  });

  it("labels fields as the forms do, and turns camelCase into words", () => {
    expect(fieldLabel("tiers.watch")).toBe("Watch from");
    expect(fieldLabel("preferredStyles")).toBe("Preferred styles");
    expect(fieldLabel("sizes.top")).toBe("Sizes: top");
  });

  it("shows only real changes: a reordered list is none, and Auth.js's bookkeeping is left out", () => {
    const before = { name: "Ada", preferredStyles: ["classic", "minimal"], image: null, emailVerified: null, updatedAt: "x" };
    const after = { name: "Ada L", preferredStyles: ["minimal", "classic"], image: "", emailVerified: "2026-01-01", updatedAt: "y" };
    expect(describedChanges(before, after)).toEqual([{ field: "name", label: "Name", before: "Ada", after: "Ada L" }]);
    expect(describedChanges({ preferredStyles: ["classic"] }, { preferredStyles: ["classic", "boho"] })).toHaveLength(1);
    // A creation lists what was set, not the fields left empty.
    expect(describedChanges(null, { status: "queued", error: null, startedAt: null }).map((c) => c.label)).toEqual(["Status"]);
  });
});

describe("the audit log's URL", () => {
  it("keeps valid filters and a cursor, and drops anything malformed", async () => {
    const { parseAuditQuery, auditHref } = await import("./audit-query");
    const id = "3f1c2b9a-1d2e-4f5a-8b9c-0d1e2f3a4b5c";
    const query = parseAuditQuery({ actor: id, action: "order.cancel", subject: " Ada ", before: `2026-12-01T10:00:00.000Z_${id}` });
    expect(query).toEqual({ actor: id, action: "order.cancel", subject: "Ada", before: { at: new Date("2026-12-01T10:00:00.000Z"), id } });
    expect(auditHref(query)).toBe(`/settings/audit?actor=${id}&action=order.cancel&subject=Ada&before=2026-12-01T10%3A00%3A00.000Z_${id}`);
    expect(parseAuditQuery({ actor: "me", action: "DROP TABLE", subject: "", before: "yesterday" })).toEqual({});
  });
});
