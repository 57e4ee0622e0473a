import { describe, expect, it } from "vitest";
import { groupBgNbdInputs } from "@/lib/domain/engagement";
import { db } from "@/lib/server/db/client";
import { insertDemoClients } from "@/test/engagement-fixtures";
import { aggregateHistories } from "./client-histories";
import { loadBgNbdHistories } from "./model-fit";

const AS_OF = new Date("2026-06-01T00:00:00Z");

describe("BG/NBD inputs", () => {
  it("grouped in memory from the scoring histories, equal the SQL GROUP BY the backtest fits on", async () => {
    await insertDemoClients(120, AS_OF);
    const histories = await aggregateHistories(db, { after: null, upTo: null }, AS_OF);
    const inMemory = groupBgNbdInputs(histories.values(), AS_OF);
    const fromSql = (await loadBgNbdHistories(db, AS_OF)).sort((a, b) => a.x - b.x || a.tx - b.tx || a.T - b.T);
    expect(inMemory.length).toBeGreaterThan(50);
    expect(inMemory).toEqual(fromSql);
  });
});
