import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { engagementTier } from "@/lib/server/db/schema";
import { orderByTierAndScore } from "./client-score-rows";

describe("list rows in index order", () => {
  it("order by tier rank, then score, keeping the order rows came in within each pair", () => {
    // Rows in client order: (tier rank, score).
    const rows: [number, number][] = [[2, 40], [0, 90], [2, 40], [1, 60], [0, 80], [2, 10], [0, 90], [3, 0], [1, 60], [0, 100]];
    const order = orderByTierAndScore(Uint8Array.from(rows, ([tier]) => tier), Int16Array.from(rows, ([, score]) => score), rows.length);
    expect([...order]).toEqual([4, 1, 6, 9, 3, 8, 5, 0, 2, 7]);
  });

  it("rank tiers as Postgres sorts the enum", async () => {
    const sorted = await db.execute<{ tier: string }>(sql`select unnest(enum_range(null::engagement_tier)) as tier order by 1`);
    expect(sorted.map((row) => row.tier)).toEqual([...engagementTier.enumValues]);
  });
});
