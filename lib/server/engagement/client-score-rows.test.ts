import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { engagementTier } from "@/lib/server/db/schema";
import { BinaryCopyWriter } from "@/lib/server/db/copy-binary";
import { ClientScoreRows, orderByTierAndScore } from "./client-score-rows";
import { copyIntoNextClientScores, createNextClientScores } from "./swap-client-scores";

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

  it("go in the index's order with the unscored (no orders) last, their score, tier and figures null", async () => {
    const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
    const uuids = new Uint8Array(6 * 16);
    for (let n = 0; n < 6; n++) uuids.set(Buffer.from(uuid(n + 1).replaceAll("-", ""), "hex"), n * 16);
    const rows = new ClientScoreRows(6);
    rows.add(uuids, 0, 40, "watch", 0.8, 0.5, Date.UTC(2026, 0, 10), 1000);
    rows.addUnscored(uuids, 16);
    rows.add(uuids, 32, 90, "healthy", 0.9, 0.7, Date.UTC(2026, 0, 5), 500);
    rows.addUnscored(uuids, 48);
    rows.add(uuids, 64, 0, "lapsed", 0.1, 0.05, Number.NaN, 2000);
    rows.add(uuids, 80, 80, "healthy", 0.9, 0.6, Date.UTC(2026, 0, 6), 700);
    const asOf = Date.UTC(2026, 0, 1);
    const stored = await db.$client.begin(async (tx) => {
      await createNextClientScores(tx);
      const writer = new BinaryCopyWriter(await copyIntoNextClientScores(tx), { batchBytes: 1024, maxQueuedBytes: 4096 });
      await rows.writeSorted(writer, asOf);
      await writer.end();
      // In the order the rows went in, which the index build reads.
      const read = await tx<{ client_id: string; score: number | null; tier: string | null; p_alive: number | null; value_at_risk_cents: number | null; scored_ms: number }[]>`
        select client_id, score, tier, p_alive, value_at_risk_cents, extract(epoch from scored_at)::float8 * 1000 as scored_ms from client_scores_next order by ctid`;
      const indexOrder = await tx<{ client_id: string }[]>`select client_id from client_scores_next order by tier, coalesce(score, -1), client_id`;
      await tx`drop table client_scores_next`;
      return { read, indexOrder };
    });
    expect(stored.read.map((r) => r.client_id)).toEqual(stored.indexOrder.map((r) => r.client_id));
    expect(stored.read.map((r) => [r.client_id, r.tier, r.score])).toEqual([
      [uuid(6), "healthy", 80],
      [uuid(3), "healthy", 90],
      [uuid(1), "watch", 40],
      [uuid(5), "lapsed", 0],
      [uuid(2), null, null],
      [uuid(4), null, null],
    ]);
    expect(stored.read.filter((r) => r.tier === null).every((r) => r.p_alive === null && r.value_at_risk_cents === null && r.scored_ms === asOf)).toBe(true);
  });
});
