import "server-only";

/**
 * What the migrations give the database that the Drizzle schema cannot say, each as the line the schema-drift test
 * reads from Postgres' catalog (test/schema-catalog.ts). The test holds the migrated database to exactly the schema
 * plus these: anything else either side has is drift. Not exported from ./index, so drizzle-kit never reads it.
 */
export const BEYOND_DRIZZLE: readonly { migration: string; why: string; migrated: readonly string[]; declared?: readonly string[] }[] = [
  {
    migration: "0006_client_scores_covering_key",
    why: "Drizzle's primaryKey() has no INCLUDE: a full run reads each client's last tier and date from the key alone.",
    migrated: ["constraint client_scores.client_scores_pkey PRIMARY KEY (client_id) INCLUDE (tier, scored_at)"],
    declared: ["constraint client_scores.client_scores_pkey PRIMARY KEY (client_id)"],
  },
  {
    migration: "0009_snapshots_by_run",
    why: "Drizzle does not model partitioning: snapshots are partitioned by run, single-client ones in the NULL partition.",
    migrated: [
      "table engagement_snapshots partitioned by LIST (run_id)",
      "table engagement_snapshots_unrun partition of engagement_snapshots FOR VALUES IN (NULL)",
      "index engagement_snapshots_unrun.engagement_snapshots_unrun_as_of_idx USING btree (as_of)",
    ],
    declared: ["table engagement_snapshots"],
  },
  {
    migration: "0004_client_scores",
    why: "Drizzle has no triggers: every client gets its client_scores row the moment it exists, whichever path inserts it.",
    migrated: [
      "function create_client_scores_row()",
      "trigger clients.clients_create_scores_row AFTER INSERT ON public.clients REFERENCING NEW TABLE AS new_clients FOR EACH STATEMENT EXECUTE FUNCTION create_client_scores_row()",
    ],
  },
  {
    migration: "0008_snapshots_date_key, 0009_snapshots_by_run",
    why: "Drizzle has no triggers: snapshots and tier changes carry no foreign keys (written in bulk), so a deleted client's go here.",
    migrated: [
      "function delete_client_engagement()",
      "trigger clients.clients_delete_engagement AFTER DELETE ON public.clients REFERENCING OLD TABLE AS old_clients FOR EACH STATEMENT EXECUTE FUNCTION delete_client_engagement()",
    ],
  },
  {
    migration: "0021_today_handled_triggers",
    why: "Drizzle has no triggers: every path that snoozes, emails or records an order marks a slipping client handled this week in its own transaction.",
    migrated: [
      "function today_slipping_since(client uuid, tier engagement_tier, scored_at timestamp with time zone)",
      "function today_handled_by_snooze()",
      "function today_handled_by_email()",
      "function today_handled_by_order()",
      "trigger today_snoozes.today_snoozes_handled AFTER INSERT ON public.today_snoozes REFERENCING NEW TABLE AS new_snoozes FOR EACH STATEMENT EXECUTE FUNCTION today_handled_by_snooze()",
      "trigger win_back_emails.win_back_emails_handled AFTER INSERT ON public.win_back_emails REFERENCING NEW TABLE AS new_emails FOR EACH STATEMENT EXECUTE FUNCTION today_handled_by_email()",
      "trigger orders.orders_today_handled AFTER INSERT ON public.orders REFERENCING NEW TABLE AS new_orders FOR EACH STATEMENT EXECUTE FUNCTION today_handled_by_order()",
    ],
  },
];
