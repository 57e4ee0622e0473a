import { describe, expect, it } from "vitest";
import { parseClientListQuery } from "./list-query";

describe("the clients list's search from the URL", () => {
  it("drops a NUL character, which no text the database compares with can hold, and keeps the rest", () => {
    expect(parseClientListQuery({ q: "Ann\u0000 Lee " }).q).toBe("Ann Lee");
    expect(parseClientListQuery({ q: "\u0000" }).q).toBe("");
    expect(parseClientListQuery(new URLSearchParams("q=%00ada")).q).toBe("ada");
  });
});
