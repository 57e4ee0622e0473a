import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { clients } from "@/lib/server/db/schema";
import { chunkRanges, type ClientSelection } from "./client-selection";

async function insertClients(count: number) {
  await db.insert(clients).values(Array.from({ length: count }, (_, i) => ({ name: `Client ${i}`, email: `client${i}@example.com` })));
}

async function allRanges(size: number): Promise<ClientSelection[]> {
  const next = chunkRanges(db, size);
  const ranges: ClientSelection[] = [];
  for (let range = await next(); range; range = await next()) ranges.push(range);
  return ranges;
}

describe("chunkRanges", () => {
  it("leaves no empty range behind a count that is a multiple of the chunk size", async () => {
    await insertClients(20);
    const ranges = await allRanges(10);
    expect(ranges).toHaveLength(2);
    expect(ranges.at(-1)).toMatchObject({ upTo: null });
  });

  it("puts what is left over into a last, open-ended range", async () => {
    await insertClients(21);
    const ranges = await allRanges(10);
    expect(ranges).toHaveLength(3);
    expect(ranges.at(-1)).toMatchObject({ upTo: null });
  });

  it("gives one open range for fewer clients than a chunk, or none at all", async () => {
    expect(await allRanges(10)).toEqual([{ after: null, upTo: null }]);
    await insertClients(3);
    expect(await allRanges(10)).toEqual([{ after: null, upTo: null }]);
  });
});
