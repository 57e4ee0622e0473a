import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { db, poolOptions } from "./client";

describe("the app's database sessions", () => {
  it("run in UTC whatever the server's default, so a day in a date range is a UTC day on any host", async () => {
    const [database] = await db.execute<{ name: string }>(`select current_database() as name`);
    await db.execute(`alter database "${database?.name}" set timezone to 'America/New_York'`);
    // New sessions, as a fresh pool opens them.
    const plain = postgres(env.DATABASE_URL ?? "", { max: 1, onnotice: () => {} });
    const app = postgres(env.DATABASE_URL ?? "", { ...poolOptions(), max: 1 });
    try {
      expect((await plain`show timezone`)[0]?.TimeZone).toBe("America/New_York");
      expect((await app`show timezone`)[0]?.TimeZone).toBe("UTC");
      const [day] = await app<{ first: boolean }[]>`select '2026-07-01T02:00:00Z'::timestamptz >= '2026-07-01'::date as first`;
      expect(day?.first).toBe(true);
    } finally {
      await Promise.all([plain.end(), app.end()]);
    }
  });
});
