import type { OutboxLogEntry, OutboxProblem } from '@mailroom/contract';
import type { Queryable } from '../../platform/db/index.ts';

export interface LogLine {
  orgId: string;
  outboxId: string;
  event: OutboxLogEntry['event'];
  subject: string;
  recipients: string[];
  messageId: string;
  problem?: OutboxProblem | null;
  detail?: string | null;
}

/** One line of the delivery log (it outlives the message: no foreign key). */
export async function writeLog(q: Queryable, l: LogLine) {
  await q.query(
    `insert into outbox_log (org_id, outbox_id, event, subject, recipients, message_id, problem, detail) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [l.orgId, l.outboxId, l.event, l.subject, l.recipients, l.messageId, l.problem ?? null, l.detail?.slice(0, 2000) ?? null],
  );
}
