import { describe, expectTypeOf, it } from "vitest";
import type { ServiceContext } from "@/lib/server/context";
import type { Database } from "@/lib/server/db/client";
import { revokeApiKey } from "./api-keys/revoke-api-key";
import { createClient } from "./clients/create-client";
import { runFullRescore } from "./engagement/run-full-rescore";
import { cancelOrder } from "./orders/cancel-order";
import { updateSettings } from "./settings/update-settings";
import { changeUserRole } from "./users/change-user-role";

type InputOf<F extends (args: never) => unknown> = Parameters<F>[0] extends { input: infer I } ? I : never;

// Checked by the compiler (npm run typecheck): a caller, an Inngest function included, cannot hand a verb the wrong shape.
describe("verb inputs are typed from their schemas", () => {
  it("names each verb's fields and their types", () => {
    expectTypeOf<InputOf<typeof cancelOrder>>().toEqualTypeOf<{ orderId: string }>();
    expectTypeOf<InputOf<typeof revokeApiKey>>().toEqualTypeOf<{ apiKeyId: string }>();
    expectTypeOf<InputOf<typeof changeUserRole>>().toEqualTypeOf<{ userId: string; role: "admin" | "marketer" | "stylist"; confirmed?: unknown }>();
    expectTypeOf<InputOf<typeof createClient>>().toHaveProperty("name").toEqualTypeOf<string>();
    expectTypeOf<Parameters<typeof updateSettings<"engagement">>[0]["input"]>().toHaveProperty("valueScaleCents").toEqualTypeOf<number>();
  });

  it("gives every verb one context type, the full run asking for the pool", () => {
    expectTypeOf<Parameters<typeof cancelOrder>[0]["ctx"]>().toEqualTypeOf<ServiceContext>();
    expectTypeOf<Parameters<typeof runFullRescore>[0]["ctx"]>().toEqualTypeOf<ServiceContext<Database>>();
  });
});
