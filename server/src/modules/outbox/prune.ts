import type { Queryable } from '../../platform/db/index.ts';

/**
 * Deletes sent, failed and cancelled mail whose keeping time is over (the system account's
 * "after sending" setting); each leaves a "deleted" line in the delivery log, which stays.
 */
export async function pruneOutbox(q: Queryable) {
  const { rows } = await q.query<{ n: number }>(
    `with gone as (
       delete from outbox where id in (select id from outbox where keep_until < now() and status in ('sent', 'failed', 'cancelled') limit 5000)
       returning id, org_id, subject, recipients, message_id)
     , logged as (
       insert into outbox_log (org_id, outbox_id, event, subject, recipients, message_id) select org_id, id, 'deleted', subject, recipients, message_id from gone)
     select count(*)::int as n from gone`,
  );
  return rows[0].n;
}
