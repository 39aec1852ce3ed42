import type { OutboxProblem } from '@mailroom/contract';
import type { Deps } from '../../deps.ts';
import type { ClaimedMail } from './claim.ts';
import { writeLog } from './log.ts';
import { loadSettings, type SettingsRow } from './settings.ts';

type RecordDeps = Pick<Deps, 'db' | 'bus' | 'metrics' | 'config'>;

/** Only the worker holding the message's current lease writes its outcome (a later claim wins). */
const FENCE = `id = $1 and leased_by = $2 and attempts = $3 and status = 'sending'`;
const logOf = (m: ClaimedMail) => ({ orgId: m.org_id, outboxId: m.id, subject: m.subject, recipients: m.recipients, messageId: m.message_id });

/** How long sent, failed or cancelled mail is kept (seconds): the system account's "after sending". */
export const keepSeconds = (s: Pick<SettingsRow, 'after_send' | 'archive_days'>) => (s.after_send === 'delete' ? 0 : s.archive_days * 86400);

/**
 * Accepted by the server: its answer kept; with "delete after sending" the message goes, its log
 * line stays. One statement, so the window between the server's 250 and our commit (where a crash
 * means the message is sent again) is a single round trip.
 */
export async function recordSent(deps: RecordDeps, m: ClaimedMail, workerId: string, response: string, refused: string[], keep: number) {
  const detail = (refused.length ? `${response} (refused: ${refused.join(', ')})` : response).slice(0, 2000);
  const logged = `insert into outbox_log (org_id, outbox_id, event, subject, recipients, message_id, detail)
                  select org_id, id, e.event, subject, recipients, message_id, case when e.event = 'sent' then $4 end from done, (values (1, 'sent'), (2, 'deleted')) as e(n, event)
                   where e.n = 1 or $5 = 0 order by e.n`;
  const { rowCount } = await deps.db.query(
    keep === 0
      ? `with done as (delete from outbox where ${FENCE} returning id, org_id, subject, recipients, message_id) ${logged}`
      : `with done as (update outbox set status = 'sent', smtp_response = $4, sent_at = now(), problem = null, leased_by = null, lease_until = null,
                       keep_until = now() + make_interval(secs => $5) where ${FENCE} returning id, org_id, subject, recipients, message_id) ${logged}`,
    [m.id, workerId, m.attempts, detail, keep],
  );
  return rowCount > 0;
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
