import "server-only";
import { sql } from "drizzle-orm";
import { addressSuppressed } from "@/lib/server/data/email-eligibility";
import type { ConsentChange } from "@/lib/domain/audit/consent";
import type { IngestClientProfile, ItemOutcome } from "@/lib/domain/ingest/ingest-types";
import { RetryableIngestConflict } from "./retry";
import type { RunSql } from "@/lib/server/db/run-sql";
import { lockClientsByEmailStatement } from "./store-clients";


type StoredProfiles = { outcomes: ItemOutcome[]; changedClientIds: string[]; consentChanges: ConsentChange[] };

type ProfileRow = {
  key: string;
  email: string;
  name: string;
  version: string;
  sizes: IngestClientProfile["sizes"] | null;
  preferred_styles: string[] | null;
  has_budget: boolean;
  budget_band: string | null;
  marketing_consent: boolean | null;
  timezone: string | null;
  notes: string | null;
};

function profileRow(p: IngestClientProfile): ProfileRow {
  return {
    key: p.email.toLowerCase(),
    email: p.email,
    name: p.name,
    version: p.updatedAt.toISOString(),
    sizes: p.sizes ?? null,
    preferred_styles: p.preferredStyles ?? null,
    has_budget: p.budgetBand !== undefined,
    budget_band: p.budgetBand ?? null,
    marketing_consent: p.marketingConsent ?? null,
    timezone: p.timezone ?? null,
    notes: p.notes ?? null,
  };
}

/** Splits profiles into rounds in which each email appears once, keeping their order: the n-th profile of an email goes in round n. */
function rounds(profiles: IngestClientProfile[]): { index: number; row: ProfileRow }[][] {
  const seen = new Map<string, number>();
  const out: { index: number; row: ProfileRow }[][] = [];
  profiles.forEach((p, index) => {
    const row = profileRow(p);
    const n = seen.get(row.key) ?? 0;
    seen.set(row.key, n + 1);
    (out[n] ??= []).push({ index, row });
  });
  return out;
}

// Timestamps come back as Date or text depending on the driver's parsers.
type UpdatedRow = { id: string; key: string; changed: boolean; consent_before: boolean; consent_after: boolean; version: string | Date };
const iso = (version: string | Date) => new Date(version).toISOString();

/**
 * Applies each profile whose version is newer than the stored one. Profile fields follow the profile's version;
 * consent follows the consent's own version, and at an equal version a withdrawal wins, so an older or repeated
 * change never overwrites a newer one and never restores consent once withdrawn. The version is recorded even when
 * the values are the same, so an older change arriving later still loses to it. `prev` is the row before the update.
 * A suppressed address (the client unsubscribed, or their mail bounced or complained) takes no grant of consent from
 * outside: an old spreadsheet, dated by its upload, would otherwise outdate the unsubscribe; only lifting the
 * suppression (Emails → Suppressions) lets one count again.
 */
function updateStatement(rows: (ProfileRow & { id: string })[]) {
  return sql`
    update clients c set
      name = case when v.profile then r.name else c.name end,
      sizes = case when v.profile then coalesce(r.sizes, c.sizes) else c.sizes end,
      preferred_styles = case when v.profile then coalesce(r.preferred_styles, c.preferred_styles) else c.preferred_styles end,
      budget_band = case when v.profile and r.has_budget then r.budget_band else c.budget_band end,
      timezone = case when v.profile then coalesce(r.timezone, c.timezone) else c.timezone end,
      notes = case when v.profile then coalesce(r.notes, c.notes) else c.notes end,
      profile_version = case when v.profile then r.version else c.profile_version end,
      marketing_consent = case when v.consent then r.marketing_consent else c.marketing_consent end,
      consent_version = case when v.consent then r.version else c.consent_version end,
      updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id uuid, version timestamptz, name text, sizes jsonb, preferred_styles text[], has_budget boolean, budget_band budget_band, marketing_consent boolean, timezone text, notes text)
    join clients prev on prev.id = r.id
    cross join lateral (
      select
        prev.profile_version is null or r.version > prev.profile_version as profile,
        r.marketing_consent is not null and (
          prev.consent_version is null or r.version > prev.consent_version or (r.version = prev.consent_version and not r.marketing_consent)
        ) and not (r.marketing_consent and ${addressSuppressed(sql`prev.email`)}) as consent
    ) v
    where c.id = r.id and (v.profile or v.consent)
    returning c.id, lower(c.email) as key, r.version,
      (prev.name, prev.sizes, prev.preferred_styles, prev.budget_band, prev.marketing_consent, prev.timezone, prev.notes) is distinct from
      (c.name, c.sizes, c.preferred_styles, c.budget_band, c.marketing_consent, c.timezone, c.notes) as changed,
      prev.marketing_consent as consent_before, c.marketing_consent as consent_after
  `;
}

function insertStatement(rows: ProfileRow[]) {
  return sql`
    insert into clients (name, email, sizes, preferred_styles, budget_band, marketing_consent, timezone, notes, profile_version, consent_version)
    select name, email, coalesce(sizes, '{}'::jsonb), coalesce(preferred_styles, '{}'::text[]), budget_band,
           coalesce(marketing_consent, false) and not ${addressSuppressed(sql`r.email`)}, coalesce(timezone, 'UTC'), coalesce(notes, ''),
           version, case when marketing_consent is not null then version end
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(email text, name text, version timestamptz, sizes jsonb, preferred_styles text[], budget_band budget_band, marketing_consent boolean, timezone text, notes text)
    order by lower(email)
    on conflict ((lower(email))) do nothing
    returning id, lower(email) as key, marketing_consent, consent_version as version
  `;
}

/** One round: at most one profile per email. */
async function storeRound(run: RunSql, round: { index: number; row: ProfileRow }[], stored: StoredProfiles): Promise<void> {
  const indexByKey = new Map(round.map(({ index, row }) => [row.key, index]));
  const rowByKey = new Map(round.map(({ row }) => [row.key, row]));
  const keys = [...rowByKey.keys()].sort();
  // Lock the existing clients in email order (as every ingest path does), then change those the profiles are newer for.
  const existing = await run<{ id: string; key: string }>(lockClientsByEmailStatement(keys));
  const changes = existing.flatMap(({ id, key }) => {
    const row = rowByKey.get(key);
    return row ? [{ ...row, id }] : [];
  });
  const updated = changes.length ? await run<UpdatedRow>(updateStatement(changes)) : [];
  const known = new Set(existing.map((r) => r.key));
  const fresh = keys.flatMap((key) => {
    const row = rowByKey.get(key);
    return row && !known.has(key) ? [row] : [];
  });
  const created = fresh.length ? await run<{ id: string; key: string; marketing_consent: boolean; version: string | Date }>(insertStatement(fresh)) : [];
  if (created.length !== fresh.length) throw new RetryableIngestConflict("A client with one of these emails was created meanwhile");

  const emailOf = (key: string) => rowByKey.get(key)?.email ?? key;
  for (const row of updated) {
    const i = indexByKey.get(row.key);
    if (i !== undefined && row.changed) stored.outcomes[i] = "updated";
    if (row.changed) stored.changedClientIds.push(row.id);
    if (row.consent_before !== row.consent_after) stored.consentChanges.push({ clientId: row.id, email: emailOf(row.key), before: row.consent_before, after: row.consent_after, version: iso(row.version) });
  }
  for (const row of created) {
    const i = indexByKey.get(row.key);
    if (i !== undefined) stored.outcomes[i] = "created";
    stored.changedClientIds.push(row.id);
    if (row.marketing_consent) stored.consentChanges.push({ clientId: row.id, email: emailOf(row.key), before: null, after: true, version: iso(row.version) });
  }
}

/**
 * Upserts client profiles by email, each only where it is newer than what is stored (see updateStatement).
 * Fields a profile leaves out keep their stored value (or the default for a new client); a profile that
 * changes nothing is reported unchanged. Several profiles for one email in a batch are applied in turn,
 * so the newest wins whatever their order. Run it inside a transaction.
 */
export async function storeClientProfiles(run: RunSql, profiles: IngestClientProfile[]): Promise<StoredProfiles> {
  const stored: StoredProfiles = { outcomes: profiles.map(() => "unchanged"), changedClientIds: [], consentChanges: [] };
  for (const round of rounds(profiles)) await storeRound(run, round, stored);
  stored.changedClientIds = [...new Set(stored.changedClientIds)];
  return stored;
}

/** Locks every existing client these profile sets name, in email order, so two groups never wait on each other in a circle. */
export async function prepareClientProfileSets(run: RunSql, sets: IngestClientProfile[][]): Promise<void> {
  const keys = [...new Set(sets.flat().map((p) => p.email.toLowerCase()))];
  if (keys.length) await run(lockClientsByEmailStatement(keys));
}

/** Profile sets (deliveries of one group) applied one after another, as if each had its own transaction. */
export async function storeClientProfileSets(
  run: RunSql,
  sets: IngestClientProfile[][],
): Promise<{ outcomes: ItemOutcome[][]; changedClientIds: string[]; consentChanges: ConsentChange[][] }> {
  const outcomes: ItemOutcome[][] = [];
  const consentChanges: ConsentChange[][] = [];
  const changed = new Set<string>();
  for (const profiles of sets) {
    const stored = await storeClientProfiles(run, profiles);
    outcomes.push(stored.outcomes);
    consentChanges.push(stored.consentChanges);
    stored.changedClientIds.forEach((id) => changed.add(id));
  }
  return { outcomes, changedClientIds: [...changed], consentChanges };
}
