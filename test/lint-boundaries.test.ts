import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The layer rules in eslint.config.mjs, run through ESLint's own API on code placed (virtually) in each layer, so a
// rule that stops matching fails here rather than letting violations through unseen.
const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "..") });

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const probe = 1;\n`, { filePath: path.resolve(import.meta.dirname, "..", file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports").map((m) => m.message);
}

describe("layer boundaries", () => {
  it.each([
    ["lib/domain/engagement/probe.ts", 'import { sql } from "drizzle-orm";\nvoid sql;', /lib\/domain is pure/],
    ["lib/domain/engagement/probe.ts", 'import { db } from "@/lib/server/db/client";\nvoid db;', /lib\/domain is pure/],
    ["lib/domain/engagement/probe.ts", 'import { redirect } from "next/navigation";\nvoid redirect;', /lib\/domain is pure/],
    ["components/clients/probe.tsx", 'import type { Client } from "@/lib/server/db/schema";\nexport type X = Client;', /Components import no database/],
    ["components/clients/probe.tsx", 'import { listClients } from "@/lib/server/data/clients";\nvoid listClients;', /only view types/],
    ["lib/server/data/probe.ts", 'import { createClient } from "@/lib/server/services/clients/create-client";\nvoid createClient;', /Reads do not call verbs/],
    ["lib/server/services/clients/probe.ts", 'import { formAction } from "@/lib/server/actions/form-action";\nvoid formAction;', /Verbs know no transport/],
    ["lib/server/services/clients/probe.ts", 'import { Button } from "@/components/ui/button";\nvoid Button;', /Server code does not import/],
    ["lib/server/engagement/probe.ts", 'import { lockOrderInScope } from "@/lib/server/services/orders/order-rules";\nvoid lockOrderInScope;', /helpers are private/],
    ["app/(app)/clients/probe.ts", 'import { lockClientInScope } from "@/lib/server/services/clients/client-rules";\nvoid lockClientInScope;', /helpers are private/],
  ])("refuses in %s: %s", async (file, code, message) => {
    const errors = await boundaryErrors(file, code);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((error) => message.test(error))).toBe(true);
  });

  it.each([
    ["lib/domain/engagement/probe.ts", 'import { z } from "zod";\nvoid z;'],
    ["components/clients/probe.tsx", 'import type { ClientDetail } from "@/lib/server/data/clients";\nexport type X = ClientDetail;'],
    ["lib/server/services/orders/probe.ts", 'import { lockOrderInScope } from "./order-rules";\nimport { readSettings } from "@/lib/server/data/settings";\nvoid lockOrderInScope;\nvoid readSettings;'],
    ["lib/server/ingest/probe.ts", 'import { deliverOrders } from "@/lib/server/services/orders/deliver-orders";\nvoid deliverOrders;'],
    ["app/(app)/clients/probe.ts", 'import { createClient } from "@/lib/server/services/clients/create-client";\nvoid createClient;'],
  ])("allows in %s: %s", async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});
