import type { Sql } from "postgres";

/**
 * Seeds `n` win-back emails over the last year for as many slipping clients (one each), by SQL in a few statements:
 * states across the whole lifecycle (recent ones still in review or on their way, older ones delivered, opened,
 * clicked, bounced, complained, failed or discarded), their delivery events, an outreach assignment for each
 * (emailed) plus held-out clients beside them (a tenth as many again), orders inside the attribution window for some
 * of both groups (the win-backs), and the suppressions bounces, complaints and unsubscribes leave.
 */
export async function seedBenchEmails(sql: Sql, n: number): Promise<void> {
  // The emailed clients: every other slipping client in a hashed order, so stylists and tiers are mixed.
  await sql`create temporary table bench_emails on commit preserve rows as
    select gen_random_uuid() as id, s.client_id, s.tier, c.email as address, h,
      now() - (h % 365) * interval '1 day' - (h % 86400) * interval '1 second' as created_at,
      case
        when h % 365 < 14 and h % 100 < 6 then 'draft' when h % 365 < 14 and h % 100 < 8 then 'approved' when h % 365 < 14 and h % 100 < 9 then 'scheduled'
        when h % 100 < 12 then 'discarded' when h % 100 < 14 then 'failed' when h % 100 < 20 then 'sent' when h % 100 < 55 then 'delivered'
        when h % 100 < 80 then 'opened' when h % 100 < 93 then 'clicked' when h % 100 < 97 then 'bounced' else 'complained' end::email_state as state
    from (select client_id, tier, abs(hashtext(client_id::text || 'mail')) as h from client_scores where tier in ('at_risk', 'lapsed')) s
      join clients c on c.id = s.client_id
    order by s.h limit ${n}`;
  await sql`insert into win_back_emails (id, client_id, state, origin, tier, subject, body, call_to_action, writer, to_address, sent_at, created_at, updated_at)
    select id, client_id, state, case when h % 10 = 0 then 'stylist' else 'outreach' end::email_origin, tier, 'We miss you', 'Your stylist picked a few things.', 'Book a fix', 'offline', address,
      case when state in ('sent', 'delivered', 'opened', 'clicked', 'bounced', 'complained') then created_at + interval '1 day' end, created_at, created_at
    from bench_emails`;
  // Each event the provider would send on the way to the email's state.
  await sql`insert into email_events (delivery_id, email_id, type, payload, received_at)
    select 'bench-' || e.id || '-' || ev.type, e.id, ev.type, '{}'::jsonb, e.created_at + interval '1 day' + ev.after
    from bench_emails e cross join lateral (values
      ('delivered', interval '1 minute', array['delivered', 'opened', 'clicked', 'complained']),
      ('opened', interval '2 hours', array['opened', 'clicked']),
      ('clicked', interval '3 hours', array['clicked']),
      ('bounced', interval '1 minute', array['bounced']),
      ('complained', interval '1 day', array['complained'])) ev(type, after, states)
    where e.state::text = any(ev.states)`;
  await sql`insert into outreach_assignments (client_id, tier, "group", holdout_share, email_id, score, entered_at, assigned_at)
    select client_id, tier, 'emailed', 0.1, id, 30, created_at, created_at from bench_emails where h % 10 <> 0`;
  // Held out: slipping clients never emailed, a tenth as many as the emailed.
  await sql`insert into outreach_assignments (client_id, tier, "group", holdout_share, score, entered_at, assigned_at)
    select s.client_id, s.tier, 'holdout', 0.1, 30, now() - (h % 365) * interval '1 day', now() - (h % 365) * interval '1 day'
    from (select client_id, tier, abs(hashtext(client_id::text || 'hold')) as h from client_scores s
          where tier in ('at_risk', 'lapsed') and not exists (select 1 from bench_emails e where e.client_id = s.client_id)) s
    order by h limit ${Math.round(n / 10)}`;
  // Win-backs: a fifth of the emailed who were sent one and an eighth of the held out order within 30 days.
  await sql`insert into orders (client_id, source, external_id, ordered_at, items_shipped, items_kept, value_cents, status)
    select a.client_id, 'bench', 'winback-' || a.id, coalesce(e.sent_at, a.assigned_at) + (1 + abs(hashtext(a.id::text)) % 25) * interval '1 day', 5, 2, 12000, 'shipped'
    from outreach_assignments a left join win_back_emails e on e.id = a.email_id
    where (a."group" = 'emailed' and e.sent_at is not null and abs(hashtext(a.id::text)) % 5 = 0)
       or (a."group" = 'holdout' and abs(hashtext(a.id::text)) % 8 = 0)`;
  await sql`insert into email_suppressions (address, reason, email_id, created_at)
    select lower(address), case when state = 'bounced' then 'bounced' when state = 'complained' then 'complained' else 'unsubscribed' end::suppression_reason, id, created_at + interval '2 days'
    from bench_emails where state in ('bounced', 'complained') or (state = 'clicked' and h % 7 = 0)
    on conflict do nothing`;
  await sql`drop table bench_emails`;
}
