import { describe, expect, it } from "vitest";
import { clientInputSchema } from "@/lib/domain/clients/client-input";
import { clientEventSchema } from "@/lib/domain/ingest/client-event";

// Browsers and order systems send the current IANA names, which ICU's own list gives under older ones.
describe("a client's time zone, from the form and from order systems", () => {
  it("takes Asia/Kolkata and Europe/Kyiv, and still refuses a made-up zone", () => {
    for (const timezone of ["Asia/Kolkata", "Europe/Kyiv"]) {
      expect(clientInputSchema.shape.timezone.safeParse(timezone).success).toBe(true);
      expect(clientEventSchema.shape.timezone.safeParse(timezone).success).toBe(true);
    }
    expect(clientInputSchema.shape.timezone.safeParse("Mars/Olympus_Mons").success).toBe(false);
    expect(clientEventSchema.shape.timezone.safeParse("Mars/Olympus_Mons").success).toBe(false);
  });
});
