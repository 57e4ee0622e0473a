import { describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/server/db/client";
import { clients } from "@/lib/server/db/schema";
import { createClient } from "@/lib/server/services/clients/create-client";
import { clientInput, userContext } from "@/test/fixtures";
import { ValidationError } from "./errors";
import { parseInput } from "./parse-input";

describe("a verb's input", () => {
  it("names every field whose text holds a NUL character, nested ones by their path, before its schema runs", () => {
    const schema = z.object({ name: z.string(), lines: z.array(z.object({ note: z.string() })) });
    const attempt = () => parseInput(schema, { name: "Ann\u0000", lines: [{ note: "fine" }, { note: "a\u0000b" }] });
    expect(attempt).toThrow(ValidationError);
    try {
      attempt();
    } catch (error) {
      expect((error as ValidationError).fieldErrors).toEqual({
        name: ["Remove the NUL character (\\u0000): no text field can store it."],
        "lines.1.note": ["Remove the NUL character (\\u0000): no text field can store it."],
      });
    }
    expect(parseInput(schema, { name: "Ann", lines: [] })).toEqual({ name: "Ann", lines: [] });
  });

  it("with a NUL, is refused with the field named and writes nothing, where the database answered a raw error", async () => {
    const stylist = await userContext("stylist");
    await expect(createClient({ ctx: stylist, input: clientInput({ name: "Ann\u0000Lee" }) })).rejects.toMatchObject({ fieldErrors: { name: [expect.stringMatching(/^Remove the NUL/)] } });
    expect(await db.$count(clients)).toBe(0);
  });
});
