import "server-only";
import { sql } from "drizzle-orm";
import type { IngestClientProfile, ItemOutcome } from "@/lib/domain/ingest/ingest-types";
import { RetryableIngestConflict } from "./retry";
import type { RunSql } from "@/lib/server/db/run-sql";
import { lockClientsByEmailStatement } from "./store-clients";

export type StoredProfiles = { outcomes: ItemOutcome[]; changedClientIds: string[] };

/**
 * Upserts client profiles by email. Fields a profile leaves out keep their stored value (or the default
 * for a new client); a profile that changes nothing is reported unchanged and not written.
 * Within a batch the last profile for an email wins. Run it inside a transaction.
 */
export async function storeClientProfiles(run: RunSql, profiles: IngestClientProfile[]): Promise<StoredProfiles> {
  const outcomes: ItemOutcome[] = profiles.map(() => "unchanged");
  const lastIndex = new Map<string, number>();
  profiles.forEach((p, i) => lastIndex.set(p.email.toLowerCase(), i));
  const input = [...lastIndex.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, i]) => {
      const p = profiles[i];
      return p && { key, email: p.email, name: p.name, sizes: p.sizes ?? null, preferred_styles: p.preferredStyles ?? null, has_budget: p.budgetBand !== undefined, budget_band: p.budgetBand ?? null, marketing_consent: p.marketingConsent ?? null, timezone: p.timezone ?? null, notes: p.notes ?? null };
    });
  if (input.length === 0) return { outcomes, changedClientIds: [] };
  // Lock the existing clients in email order (as every ingest path does), then change those that differ.
  const existing = await run<{ id: string; key: string }>(lockClientsByEmailStatement(input.map((row) => row?.key ?? "")));
  const idByKey = new Map(existing.map((r) => [r.key, r.id]));
  const changes = input.flatMap((row) => (row && idByKey.has(row.key) ? [{ ...row, id: idByKey.get(row.key) }] : []));
  const updated = changes.length
    ? await run<{ id: string; key: string }>(sql`
    update clients c set
      name = r.name,
      sizes = coalesce(r.sizes, c.sizes),
      preferred_styles = coalesce(r.preferred_styles, c.preferred_styles),
      budget_band = case when r.has_budget then r.budget_band else c.budget_band end,
      marketing_consent = coalesce(r.marketing_consent, c.marketing_consent),
      timezone = coalesce(r.timezone, c.timezone),
      notes = coalesce(r.notes, c.notes),
      updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) as r(id uuid, key text, name text, sizes jsonb, preferred_styles text[], has_budget boolean, budget_band budget_band, marketing_consent boolean, timezone text, notes text)
    where c.id = r.id
      and (c.name, c.sizes, c.preferred_styles, c.budget_band, c.marketing_consent, c.timezone, c.notes) is distinct from
          (r.name, coalesce(r.sizes, c.sizes), coalesce(r.preferred_styles, c.preferred_styles),
           case when r.has_budget then r.budget_band else c.budget_band end,
           coalesce(r.marketing_consent, c.marketing_consent), coalesce(r.timezone, c.timezone), coalesce(r.notes, c.notes))
    returning c.id, lower(c.email) as key
  `)
    : [];
  const known = new Set(existing.map((r) => r.key));
  const fresh = input.filter((row) => row && !known.has(row.key));
  let created: { id: string; key: string }[] = [];
  if (fresh.length) {
    created = await run<{ id: string; key: string }>(sql`
      insert into clients (name, email, sizes, preferred_styles, budget_band, marketing_consent, timezone, notes)
      select name, email, coalesce(sizes, '{}'::jsonb), coalesce(preferred_styles, '{}'::text[]), budget_band,
             coalesce(marketing_consent, false), coalesce(timezone, 'UTC'), coalesce(notes, '')
      from jsonb_to_recordset(${JSON.stringify(fresh)}::jsonb) as r(email text, name text, sizes jsonb, preferred_styles text[], budget_band budget_band, marketing_consent boolean, timezone text, notes text)
      order by lower(email)
      on conflict ((lower(email))) do nothing
      returning id, lower(email) as key
    `);
    if (created.length !== fresh.length) throw new RetryableIngestConflict("A client with one of these emails was created meanwhile");
  }
  for (const row of updated) {
    const i = lastIndex.get(row.key);
    if (i !== undefined) outcomes[i] = "updated";
  }
  for (const row of created) {
    const i = lastIndex.get(row.key);
    if (i !== undefined) outcomes[i] = "created";
  }
  return { outcomes, changedClientIds: [...updated, ...created].map((r) => r.id) };
}

/** Locks every existing client these profile sets name, in email order, so two groups never wait on each other in a circle. */
export async function prepareClientProfileSets(run: RunSql, sets: IngestClientProfile[][]): Promise<void> {
  const keys = [...new Set(sets.flat().map((p) => p.email.toLowerCase()))];
  if (keys.length) await run(lockClientsByEmailStatement(keys));
}

/** Profile sets (deliveries of one group) applied one after another, as if each had its own transaction. */
export async function storeClientProfileSets(run: RunSql, sets: IngestClientProfile[][]): Promise<{ outcomes: ItemOutcome[][]; changedClientIds: string[] }> {
  const outcomes: ItemOutcome[][] = [];
  const changed = new Set<string>();
  for (const profiles of sets) {
    const stored = await storeClientProfiles(run, profiles);
    outcomes.push(stored.outcomes);
    stored.changedClientIds.forEach((id) => changed.add(id));
  }
  return { outcomes, changedClientIds: [...changed] };
}
