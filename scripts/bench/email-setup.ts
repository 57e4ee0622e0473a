import { sql } from "drizzle-orm";
import type { Database } from "@/lib/server/db/client";
import { DEFAULT_EMAIL_POLICY } from "@/lib/domain/email/policy-settings";
import { DEFAULT_WIN_BACK_SETTINGS } from "@/lib/domain/email/win-back-settings";

/** `count` lapsed clients with consent, one stylist and one fix each, and settings that send at `rate` around the clock. */
export async function seedBenchClients(db: Database, count: number, rate: number) {
  await db.execute(sql`truncate clients, users, win_back_emails, outreach_assignments, email_suppressions, local_mailbox, app_settings cascade`);
  await db.execute(sql`insert into users (name, email, role, email_signature) values ('Bench Stylist', 'bench.stylist@rekindle.test', 'stylist', 'Bench Stylist, your stylist')`);
  await db.execute(sql`
    insert into clients (name, email, stylist_id, preferred_styles, sizes, marketing_consent, timezone)
    select 'Client' || i || ' Bench', 'client' || i || '@bench.rekindle.test', (select id from users limit 1), '{classic,minimal}', '{"top":"M"}'::jsonb, true, 'Europe/London'
    from generate_series(1, ${count}) i`);
  await db.execute(sql`
    insert into orders (client_id, source, external_id, ordered_at, items_shipped, items_kept, value_cents, status)
    select id, 'bench', id::text, '2026-03-14', 5, 2, 15000, 'shipped' from clients`);
  await db.execute(sql`update client_scores set score = 0, tier = 'lapsed', scored_at = now()`);
  await db.execute(sql`insert into app_settings (key, value) values
    ('win_back', ${JSON.stringify({ ...DEFAULT_WIN_BACK_SETTINGS, holdoutShare: 0, sendWindowStartHour: 0, sendWindowEndHour: 24, sendRatePerSecond: rate })}::jsonb),
    ('email_policy', ${JSON.stringify({ ...DEFAULT_EMAIL_POLICY, minDaysBetweenEmails: 1 })}::jsonb)`);
  return (await db.execute<{ id: string }>(sql`select id from clients order by id`)).map((r) => r.id);
}

/** Runs `work` over `items` with at most `concurrency` at a time. */
export async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++];
        if (item !== undefined) await work(item);
      }
    }),
  );
}

const CONNECTION_FAULTS = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT", "57P01", "57P03", "08006", "08003", "08001"]);

/** A lost or refused database connection (postgres.js or Postgres codes), which is worth asking again; nothing else is. */
function isConnectionFault(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && CONNECTION_FAULTS.has(code)) return true;
    if (e === (e as { cause?: unknown }).cause) break;
  }
  return false;
}

/** Runs `work`, asking again (up to 5 times, backing off) only when the database connection was lost: `work` must be safe to repeat. */
export async function whileConnectionHolds<T>(work: () => Promise<T>, onRetry: () => void = () => {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= 5 || !isConnectionFault(error)) throw error;
      onRetry();
      await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
    }
  }
}
