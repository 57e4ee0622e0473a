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
  {
    migration: "0033_today_contact_is_reviewed",
    why: "Drizzle has no triggers: an outreach draft counts as contact on Today once it is approved (approved_at), not while it waits for review (0021's functions replaced).",
    migrated: [
      "function today_handled_by_review()",
      "trigger win_back_emails.win_back_emails_reviewed_handled AFTER UPDATE OF approved_at ON public.win_back_emails FOR EACH ROW WHEN (((new.origin = 'outreach'::email_origin) AND (new.approved_at IS NOT NULL) AND (new.approved_at IS DISTINCT FROM old.approved_at))) EXECUTE FUNCTION today_handled_by_review()",
    ],
  },
  {
    migration: "0036_today_logged_contacts",
    why: "Drizzle has no triggers: a contact a stylist logs marks a slipping client handled this week, as an email does.",
    migrated: [
      "function today_handled_by_contact()",
      "trigger client_contacts.client_contacts_today_handled AFTER INSERT ON public.client_contacts REFERENCING NEW TABLE AS new_contacts FOR EACH STATEMENT EXECUTE FUNCTION today_handled_by_contact()",
    ],
  },
  {
    migration: "0023_email_stats_triggers",
    why: "Drizzle has no triggers: the overview's email aggregates move with every email, event and reassignment in its own transaction.",
    migrated: [
      "function email_stats_add(deltas jsonb)",
      "function email_stats_on_change()",
      "function email_activity_on_insert()",
      "function email_stats_on_reassign()",
      "function rebuild_email_stats()",
      "trigger win_back_emails.win_back_emails_stats_insert AFTER INSERT ON public.win_back_emails REFERENCING NEW TABLE AS new_emails FOR EACH STATEMENT EXECUTE FUNCTION email_stats_on_change()",
      "trigger win_back_emails.win_back_emails_stats_update AFTER UPDATE ON public.win_back_emails REFERENCING OLD TABLE AS old_emails NEW TABLE AS new_emails FOR EACH STATEMENT EXECUTE FUNCTION email_stats_on_change()",
      "trigger win_back_emails.win_back_emails_stats_delete AFTER DELETE ON public.win_back_emails REFERENCING OLD TABLE AS old_emails FOR EACH STATEMENT EXECUTE FUNCTION email_stats_on_change()",
      "trigger email_events.email_events_activity AFTER INSERT ON public.email_events REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION email_activity_on_insert()",
      "trigger clients.clients_email_stats_reassign AFTER UPDATE ON public.clients REFERENCING OLD TABLE AS old_clients NEW TABLE AS new_clients FOR EACH STATEMENT EXECUTE FUNCTION email_stats_on_reassign()",
    ],
  },
  {
    migration: "0025_outreach_results_triggers, 0031_win_back_intent_to_treat",
    why: "Drizzle has no triggers: each outreach assignment keeps its stylist, the first order since the assignment and the client's previous assignment, so win-back rates read the assignments alone; and refuses a change of an assignment's client, group or date.",
    migrated: [
      "function first_order_since(client uuid, since timestamp with time zone)",
      "function outreach_assignment_results()",
      "function outreach_results_on_new_orders()",
      "function outreach_results_on_changed_orders()",
      "function outreach_stylist_on_reassign()",
      "function outreach_previous_entries()",
      "function outreach_assignment_unchanging()",
      "trigger outreach_assignments.outreach_assignments_results BEFORE INSERT ON public.outreach_assignments FOR EACH ROW EXECUTE FUNCTION outreach_assignment_results()",
      "trigger outreach_assignments.outreach_assignments_unchanging BEFORE UPDATE OF client_id, \"group\", assigned_at, holdout_share, demo ON public.outreach_assignments FOR EACH ROW WHEN (((old.client_id IS DISTINCT FROM new.client_id) OR (old.\"group\" IS DISTINCT FROM new.\"group\") OR (old.assigned_at IS DISTINCT FROM new.assigned_at) OR (old.holdout_share IS DISTINCT FROM new.holdout_share) OR (old.demo IS DISTINCT FROM new.demo))) EXECUTE FUNCTION outreach_assignment_unchanging()",
      "trigger orders.orders_outreach_results_insert AFTER INSERT ON public.orders REFERENCING NEW TABLE AS new_orders FOR EACH STATEMENT EXECUTE FUNCTION outreach_results_on_new_orders()",
      "trigger orders.orders_outreach_results_update AFTER UPDATE ON public.orders REFERENCING OLD TABLE AS old_orders NEW TABLE AS new_orders FOR EACH STATEMENT EXECUTE FUNCTION outreach_results_on_changed_orders()",
      "trigger outreach_assignments.outreach_assignments_previous_insert AFTER INSERT ON public.outreach_assignments REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION outreach_previous_entries()",
      "trigger outreach_assignments.outreach_assignments_previous_delete AFTER DELETE ON public.outreach_assignments REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION outreach_previous_entries()",
      "trigger clients.clients_outreach_stylist AFTER UPDATE ON public.clients REFERENCING OLD TABLE AS old_clients NEW TABLE AS new_clients FOR EACH STATEMENT EXECUTE FUNCTION outreach_stylist_on_reassign()",
    ],
  },
  {
    migration: "0026_tier_counts_on_reassign",
    why: "Drizzle has no triggers: a client moving to another stylist moves their place in the overview's tier counts, whichever path moves them.",
    migrated: [
      "function tier_counts_apply(deltas jsonb, today date)",
      "function tier_counts_on_reassign()",
      "trigger clients.clients_tier_counts_reassign AFTER UPDATE ON public.clients REFERENCING OLD TABLE AS old_clients NEW TABLE AS new_clients FOR EACH STATEMENT EXECUTE FUNCTION tier_counts_on_reassign()",
    ],
  },
];
