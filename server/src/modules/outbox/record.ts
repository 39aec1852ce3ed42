import type { OutboxProblem } from '@mailroom/contract';
import type { Deps } from '../../deps.ts';
import type { ClaimedMail } from './claim.ts';
import { writeLog } from './log.ts';
import { runHot } from './prepared.ts';
import { loadSettings, type SettingsRow } from './settings.ts';

type RecordDeps = Pick<Deps, 'db' | 'bus' | 'metrics' | 'config'>;

/** Only the worker holding the message's current lease writes its outcome (a later claim wins); `recordSentBatch` applies the same per row. */
const FENCE = `id = $1 and leased_by = $2 and attempts = $3 and status = 'sending'`;
const logOf = (m: ClaimedMail) => ({ orgId: m.org_id, outboxId: m.id, subject: m.subject, recipients: m.recipients, messageId: m.message_id });

/** How long sent, failed or cancelled mail is kept (seconds): the system account's "after sending". */
export const keepSeconds = (s: Pick<SettingsRow, 'after_send' | 'archive_days'>) => (s.after_send === 'delete' ? 0 : s.archive_days * 86400);

/** A message the server accepted, with what is written for it. `keep`: seconds to keep it (0: delete it now). */
export interface SentItem { m: Pick<ClaimedMail, 'id' | 'attempts'>; response: string; refused: string[]; keep: number }

/**
 * Accepted by the server: its answer kept; with "delete after sending" the message goes, its log
 * line stays. One statement for any number of messages (the `Recorder` gathers those that arrive
 * while a write is in flight), each fenced by its own lease; returns the ids it wrote, so a
 * message whose lease another worker took is left out. The window between the server's 250 and our
 * commit (where a crash means the message is sent again) stays a round trip or two.
 * Its commit does not wait for the disk (synchronous_commit off, for this statement's own
 * transaction only — it always runs alone on `deps.db`): the time between the server's 250 and our
 * commit is the window in which a crash of ours sends a message twice, and a flush to disk made it
 * ten times wider on a busy disk. The price is only if PostgreSQL itself crashes within a moment
 * after: the outcome is lost, the lease runs out and the message goes once more — a duplicate of the
 * same kind, never a loss.
 */
export async function recordSentBatch(deps: Pick<Deps, 'db'>, workerId: string, items: SentItem[], sent?: () => void) {
  if (!items.length) return new Set<string>();
  const detail = (i: SentItem) => (i.refused.length ? `${i.response} (refused: ${i.refused.join(', ')})` : i.response).slice(0, 2000);
  const { rows } = await runHot<{ id: string }>(deps.db, 'outbox_sent', ['text', 'bigint[]', 'int[]', 'text[]', 'int[]'],
    `with nosync as materialized (select set_config('synchronous_commit', 'off', true)),
     o as (select * from unnest($2::bigint[], $3::int[], $4::text[], $5::int[]) as o(id, attempts, detail, keep)),
     kept as (
       update outbox x set status = 'sent', smtp_response = o.detail, sent_at = now(), problem = null, leased_by = null, lease_until = null,
              keep_until = now() + make_interval(secs => o.keep)
         from o where o.keep > 0 and x.id = o.id and x.leased_by = $1 and x.attempts = o.attempts and x.status = 'sending'
       returning x.id, x.org_id, x.subject, x.recipients, x.message_id, o.detail, false as deleted),
     gone as (
       delete from outbox x using o where o.keep = 0 and x.id = o.id and x.leased_by = $1 and x.attempts = o.attempts and x.status = 'sending'
       returning x.id, x.org_id, x.subject, x.recipients, x.message_id, o.detail, true as deleted),
     done as (select * from kept union all select * from gone),
     logged as (
       insert into outbox_log (org_id, outbox_id, event, subject, recipients, message_id, detail)
       select d.org_id, d.id, e.event, d.subject, d.recipients, d.message_id, case when e.n = 1 then d.detail end
         from done d, (values (1, 'sent'), (2, 'deleted')) as e(n, event)
        where e.n = 1 or d.deleted
        order by d.id, e.n)
     select id::text from done, nosync`,
    [workerId, items.map((i) => i.m.id), items.map((i) => i.m.attempts), items.map(detail), items.map((i) => i.keep)],
    sent,
  );
  return new Set(rows.map((r) => r.id));
}

/** One message accepted by the server (see `recordSentBatch`); false when its lease was lost. */
export async function recordSent(deps: Pick<Deps, 'db'>, m: Pick<ClaimedMail, 'id' | 'attempts'>, workerId: string, response: string, refused: string[], keep: number) {
  return (await recordSentBatch(deps, workerId, [{ m, response, refused, keep }])).has(m.id);
}

/** Exponential backoff with jitter: the first retry after OUTBOX_RETRY_SECONDS, doubling, at most an hour. */
export const retryDelaySeconds = (base: number, attempts: number) => Math.min(3600, base * 2 ** Math.max(0, attempts - 1)) * (0.75 + Math.random() / 2);

/**
 * A temporary failure: tried again after the backoff, unless the message's lifetime is over (then
 * it fails as EXPIRED). `unreachable`: the server could not be reached at all, so the other due
 * messages to it wait as long instead of each running into the same wall.
 */
export async function recordDeferred(deps: RecordDeps, m: ClaimedMail, workerId: string, problem: OutboxProblem, detail: string, unreachable: boolean) {
  const delay = retryDelaySeconds(deps.config.outboxRetrySeconds, m.attempts);
  if (Date.now() + delay * 1000 > new Date(m.expires_at).getTime()) return recordFailed(deps, m, workerId, 'EXPIRED', `${problem}: ${detail}`);
  deps.metrics.outboxFailures.inc({ code: problem });
  return deps.db.tx(async (tx) => {
    const r = await tx.query(
      `update outbox set status = 'deferred', problem = $4, last_error = $5, leased_by = null, lease_until = null,
              next_attempt_at = now() + make_interval(secs => $6) where ${FENCE}`,
      [m.id, workerId, m.attempts, problem, detail.slice(0, 2000), delay],
    );
    if (!r.rowCount) return false;
    await writeLog(tx, { ...logOf(m), event: 'deferred', problem, detail });
    if (unreachable)
      await tx.query(
        `update outbox set next_attempt_at = greatest(next_attempt_at, now() + make_interval(secs => $2))
          where destination = $1 and status in ('queued', 'deferred') and next_attempt_at <= now() + make_interval(secs => $2)`,
        [m.destination, delay],
      );
    return true;
  });
}

/** A permanent failure (5xx, or out of time): not tried again; the server's answer kept and the sender told. */
export async function recordFailed(deps: RecordDeps, m: ClaimedMail, workerId: string, problem: OutboxProblem, detail: string, response: string | null = null) {
  const keep = keepSeconds(await loadSettings(deps.db, m.org_id));
  deps.metrics.outboxFailures.inc({ code: problem });
  return deps.db.tx(async (tx) => {
    const r = await tx.query(
      `update outbox set status = 'failed', problem = $4, last_error = $5, smtp_response = $6, leased_by = null, lease_until = null,
              keep_until = now() + make_interval(secs => greatest($7::int, 86400)) where ${FENCE}`,
      [m.id, workerId, m.attempts, problem, detail.slice(0, 2000), response?.slice(0, 2000) ?? null, keep],
    );
    if (!r.rowCount) return false;
    await writeLog(tx, { ...logOf(m), event: 'failed', problem, detail });
    if (m.sender_id)
      await deps.bus.emit(tx, {
        orgId: m.org_id, type: 'outbox.failed', userIds: [m.sender_id],
        payload: { outboxId: m.id, subject: m.subject, recipients: m.recipients, problem, detail: detail.slice(0, 500) },
      });
    return true;
  });
}
