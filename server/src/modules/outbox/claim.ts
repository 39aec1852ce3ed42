import type { Queryable } from '../../platform/db/index.ts';

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
 * Claims up to `limit` due messages for this worker with a lease (FOR UPDATE SKIP LOCKED: workers
 * in any number of processes never take the same one). A message whose lease ran out (its worker
 * died) is due again. Destinations with `perDestination` messages in flight are passed over, and
 * no more than the free places of one are taken, so a dead server holds only its own places.
 * Only organisations whose system account is switched on send.
 */
export async function claimDue(q: Queryable, workerId: string, limit: number, perDestination: number, leaseSeconds: number) {
  const { rows } = await q.query<ClaimedMail>(
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
        limit $2)
     update outbox o set status = 'sending', attempts = o.attempts + 1, leased_by = $1, lease_until = now() + make_interval(secs => $4)
       from pick where o.id = pick.id
     returning o.id::text, o.org_id, o.sender_id, o.destination, o.envelope_from, o.recipients, o.message_id, o.subject, o.headers, o.text_body, o.html_body,
               o.attachments, o.attempts, o.expires_at, o.created_at, pick.was_sending`,
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
