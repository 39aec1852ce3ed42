import type { Deps } from '../../../deps.ts';
import { AppError, notFound } from '../../../platform/errors/index.ts';
import { OUTBOX_CHANNEL } from '../enqueue.ts';
import { writeLog } from '../log.ts';
import { OUTBOX_COLS, type OutboxRow } from '../present.ts';

export type OutboxAction = 'retry' | 'send-now' | 'cancel';

/**
 * An administrator's action on one queued message. Retry: a failed or cancelled message goes back
 * in the queue with a fresh lifetime. Send now: a waiting one is due at once. Cancel: a waiting one
 * will not be sent. A message being sent right now is left alone (CONFLICT): its outcome comes first.
 */
export async function actOnOutbox(deps: Pick<Deps, 'db' | 'config'>, orgId: string, id: string, action: OutboxAction) {
  return deps.db.tx(async (tx) => {
    const { rows } = await tx.query<OutboxRow & { org_id: string }>(`select ${OUTBOX_COLS} from outbox where id = $1 and org_id = $2 for update`, [id, orgId]);
    const r = rows[0];
    if (!r) throw notFound();
    const allowed: Record<OutboxAction, string[]> = { retry: ['failed', 'cancelled', 'deferred', 'queued'], 'send-now': ['queued', 'deferred'], cancel: ['queued', 'deferred'] };
    if (!allowed[action].includes(r.status)) throw new AppError('CONFLICT', `This message is ${r.status}: it cannot be ${action === 'cancel' ? 'cancelled' : 'sent again'} now`);
    if (action === 'cancel') await tx.query(`update outbox set status = 'cancelled', keep_until = now() + interval '30 days' where id = $1`, [id]);
    else
      await tx.query(
        `update outbox set status = 'queued', next_attempt_at = now(), keep_until = null,
                expires_at = case when $2 then now() + make_interval(secs => $3) else expires_at end where id = $1`,
        [id, action === 'retry' && (r.status === 'failed' || r.status === 'cancelled'), deps.config.outboxLifetimeHours * 3600],
      );
    await writeLog(tx, { orgId, outboxId: id, event: action === 'cancel' ? 'cancelled' : 'retried', subject: r.subject, recipients: r.recipients, messageId: r.message_id, detail: action });
    await tx.query('select pg_notify($1, $2)', [OUTBOX_CHANNEL, id]);
    const after = await tx.query<OutboxRow>(`select ${OUTBOX_COLS} from outbox where id = $1`, [id]);
    return after.rows[0];
  });
}
