import type { OutboxItem, OutboxLogEntry, OutboxProblem, OutboxStatus } from '@mailroom/contract';

export interface OutboxRow {
  id: string;
  status: OutboxStatus;
  subject: string;
  headers: { fromName: string; fromAddress: string };
  recipients: string[];
  destination: string;
  message_id: string;
  attempts: number;
  next_attempt_at: Date | null;
  problem: OutboxProblem | null;
  last_error: string | null;
  smtp_response: string | null;
  created_at: Date;
  sent_at: Date | null;
  expires_at: Date;
  sender_id: string | null;
}
export const OUTBOX_COLS = `id::text, status, subject, headers, recipients, destination, message_id, attempts, next_attempt_at, problem, last_error,
  smtp_response, created_at, sent_at, expires_at, sender_id`;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function presentOutbox(r: OutboxRow): OutboxItem {
  return {
    id: r.id, status: r.status, subject: r.subject, from: r.headers.fromName ? `${r.headers.fromName} <${r.headers.fromAddress}>` : r.headers.fromAddress,
    recipients: r.recipients, destination: r.destination, messageId: r.message_id, attempts: r.attempts,
    nextAttemptAt: r.status === 'queued' || r.status === 'deferred' ? iso(r.next_attempt_at) : null,
    problem: r.problem, lastError: r.last_error, smtpResponse: r.smtp_response, createdAt: iso(r.created_at)!, sentAt: iso(r.sent_at), expiresAt: iso(r.expires_at)!,
    senderId: r.sender_id,
  };
}

export interface LogRow { id: string; outbox_id: string; at: Date; event: OutboxLogEntry['event']; subject: string; recipients: string[]; message_id: string; problem: OutboxProblem | null; detail: string | null }

export const presentLog = (r: LogRow): OutboxLogEntry => ({
  id: r.id, outboxId: r.outbox_id, at: iso(r.at)!, event: r.event, subject: r.subject, recipients: r.recipients, messageId: r.message_id, problem: r.problem, detail: r.detail,
});
