import type { Queryable } from '../../platform/db/index.ts';
import { runHotInlined } from './prepared.ts';

export interface ClaimedMail {
  id: string;
  org_id: string;
  sender_id: string | null;
  destination: string;
  envelope_from: string;
  recipients: string[];
  message_id: string;
  subject: string;
  headers: { fromName: string; fromAddress: string; to: string[]; cc: string[]; inReplyTo: string | null };
  text_body: string | null;
  html_body: string | null;
  attachments: { sha256: string; filename: string; contentType: string; size: number }[];
  attempts: number;
  expires_at: Date;
  created_at: Date;
  /** Its lease had run out in another worker's hands: it may have been sent already. */
  was_sending: boolean;
}

/**
 * Claims up to `limit` due messages for this worker with a lease, in one statement (FOR UPDATE SKIP
 * LOCKED: workers in any number of processes never take the same one), and writes their `attempt`
 * log lines in it too (and `lease-expired` first for a message whose lease had run out: its worker
 * died, so it may have been sent already). Destinations with `perDestination` messages held are
 * passed over, and no more than the free places of one are taken, so a dead server holds only its
 * own places. Only organisations whose system account is switched on send. On PGlite a prepared
 * statement with the values inlined (`runHotInlined`): pass few distinct `limit`s there.
 */
export async function claimDue(q: Queryable, workerId: string, limit: number, perDestination: number, leaseSeconds: number) {
  const { rows } = await runHotInlined<ClaimedMail>(q, 'outbox_claim', ['text', 'int', 'int', 'float8'],
    `with busy as (
       select destination, count(*)::int as n from outbox where status = 'sending' and lease_until > now() group by destination),
     -- two index-driven candidate lists (outbox_due; outbox_in_flight for leases run out), not one
     -- OR that the planner can only answer with a scan and a sort of the whole table
     due as (
       select o.id, o.destination, o.next_attempt_at, false as was_sending from outbox o
        where o.status in ('queued', 'deferred') and o.next_attempt_at <= now()
          and o.destination not in (select destination from busy where n >= $3)
          and exists (select 1 from system_mail_settings s where s.org_id = o.org_id and s.enabled)
        order by o.next_attempt_at, o.id
        limit $2 * 4
        for update of o skip locked),
     expired as (
       select o.id, o.destination, o.next_attempt_at, true as was_sending from outbox o
        where o.status = 'sending' and o.lease_until < now()
          and o.destination not in (select destination from busy where n >= $3)
          and exists (select 1 from system_mail_settings s where s.org_id = o.org_id and s.enabled)
        order by o.next_attempt_at, o.id
        limit $2 * 4
        for update of o skip locked),
     cand as (select * from due union all select * from expired),
     pick as (
       select c.id, c.was_sending from (select c.*, row_number() over (partition by c.destination order by c.next_attempt_at, c.id) as rn from cand c) c
         left join busy b on b.destination = c.destination
        where c.rn + coalesce(b.n, 0) <= $3
        order by c.next_attempt_at, c.id
        limit $2),
     claimed as (
       update outbox o set status = 'sending', attempts = o.attempts + 1, leased_by = $1, lease_until = now() + make_interval(secs => $4)
         from pick where o.id = pick.id
       returning o.id, o.org_id, o.sender_id, o.destination, o.envelope_from, o.recipients, o.message_id, o.subject, o.headers, o.text_body, o.html_body,
                 o.attachments, o.attempts, o.expires_at, o.created_at, pick.was_sending),
     -- the log in the same statement: one round trip per batch, not two per message
     logged as (
       insert into outbox_log (org_id, outbox_id, event, subject, recipients, message_id, problem, detail)
       select c.org_id, c.id, e.event, c.subject, c.recipients, c.message_id,
              case when e.n = 1 then 'MAYBE_SENT' end,
              case when e.n = 1 then 'The worker sending it stopped answering; sent again (a possible duplicate)' else 'attempt ' || c.attempts end
         from claimed c, (values (1, 'lease-expired'), (2, 'attempt')) as e(n, event)
        where e.n = 2 or c.was_sending
        order by c.id, e.n)
     select c.id::text, c.org_id, c.sender_id, c.destination, c.envelope_from, c.recipients, c.message_id, c.subject, c.headers, c.text_body, c.html_body,
            c.attachments, c.attempts, c.expires_at, c.created_at, c.was_sending
       from claimed c order by c.id`,
    [workerId, limit, perDestination, leaseSeconds],
  );
  return rows;
}

/** Keeps the leases of messages still being sent; returns the ids whose lease was lost. */
export async function renewLeases(q: Queryable, workerId: string, ids: string[], leaseSeconds: number) {
  if (!ids.length) return [];
  const { rows } = await q.query<{ id: string }>(
    `update outbox set lease_until = now() + make_interval(secs => $3) where id = any($2::bigint[]) and leased_by = $1 and status = 'sending' returning id::text`,
    [workerId, ids, leaseSeconds],
  );
  const kept = new Set(rows.map((r) => r.id));
  return ids.filter((id) => !kept.has(id));
}

/**
 * Hands back claimed messages this worker never started (it is stopping): due again at once for
 * any worker, the claim undone (its attempt not counted), instead of waiting for the lease to run out.
 */
export async function releaseClaims(q: Queryable, workerId: string, held: Pick<ClaimedMail, 'id' | 'attempts'>[]) {
  if (!held.length) return;
  await q.query(
    `update outbox o set status = case when o.problem is null then 'queued' else 'deferred' end, attempts = o.attempts - 1, leased_by = null, lease_until = null
       from unnest($2::bigint[], $3::int[]) as h(id, attempts)
      where o.id = h.id and o.leased_by = $1 and o.attempts = h.attempts and o.status = 'sending'`,
    [workerId, held.map((m) => m.id), held.map((m) => m.attempts)],
  );
}
