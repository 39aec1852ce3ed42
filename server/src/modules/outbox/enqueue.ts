import { randomBytes } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import type { Queryable } from '../../platform/db/index.ts';
import { invalid } from '../../platform/errors/index.ts';
import { writeLog } from './log.ts';
import { destinationOf, loadSettings } from './settings.ts';

export const OUTBOX_CHANNEL = 'mailroom_outbox';

export interface OutgoingMail {
  orgId: string;
  /** Whose action sends it (told if it fails); null: the system. */
  senderId: string | null;
  to: string[];
  cc?: string[];
  bcc?: string[];
  subject: string;
  text?: string | null;
  html?: string | null;
  /** Files already in the blob store. */
  attachments?: { sha256: string; filename: string; contentType: string; size: number }[];
  /** The Message-ID this answers (threading at the recipient). */
  inReplyTo?: string | null;
  /** Shown as the sender's name (the system account's display name otherwise). */
  fromName?: string | null;
}

/** A header or envelope value: a bare CR or LF would start a header of the caller's choosing. */
function headerSafe(field: string, value: string) {
  if (/[\r\n\u0000]/.test(value)) throw invalid(field, 'Line breaks are not allowed here');
  return value;
}
const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9.-]+$/;
function address(field: string, value: string) {
  headerSafe(field, value);
  if (!ADDRESS.test(value) || value.length > 254) throw invalid(field, `Not an e-mail address: ${value.slice(0, 100)}`);
  return value.toLowerCase();
}

/**
 * Puts an e-mail for outside addresses in the queue, in the caller's transaction: it leaves only
 * if that transaction commits, and then certainly (workers are woken by NOTIFY on commit). It goes
 * through the organisation's system account; its From is that account's address.
 */
export async function enqueueMail(deps: Pick<Deps, 'config'>, tx: Queryable, m: OutgoingMail) {
  const settings = await loadSettings(tx, m.orgId);
  const to = (m.to ?? []).map((a) => address('to', a));
  const cc = (m.cc ?? []).map((a) => address('cc', a));
  const bcc = (m.bcc ?? []).map((a) => address('bcc', a));
  const recipients = [...new Set([...to, ...cc, ...bcc])];
  if (!recipients.length) throw invalid('to', 'Name at least one recipient');
  const subject = headerSafe('subject', m.subject);
  const fromName = headerSafe('fromName', m.fromName ?? '');
  if (m.inReplyTo) headerSafe('inReplyTo', m.inReplyTo);
  for (const a of m.attachments ?? []) headerSafe('attachments', a.filename), headerSafe('attachments', a.contentType);
  // the From and envelope are the system account's when the message goes out (see Sender.build)
  const fromAddress = settings.from_address ?? '';
  const messageId = `<${Date.now().toString(36)}.${randomBytes(9).toString('base64url')}@${fromAddress.split('@')[1] || 'mailroom.invalid'}>`;
  const headers = { fromName, fromAddress, to, cc, inReplyTo: m.inReplyTo ?? null };
  const { rows } = await tx.query<{ id: string }>(
    `insert into outbox (org_id, sender_id, destination, envelope_from, recipients, message_id, subject, headers, text_body, html_body, attachments, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now() + make_interval(secs => $12)) returning id::text`,
    [m.orgId, m.senderId, destinationOf(settings), fromAddress, recipients, messageId, subject, JSON.stringify(headers), m.text ?? null, m.html ?? null,
      JSON.stringify(m.attachments ?? []), deps.config.outboxLifetimeHours * 3600],
  );
  await writeLog(tx, { orgId: m.orgId, outboxId: rows[0].id, event: 'queued', subject, recipients, messageId });
  await tx.query('select pg_notify($1, $2)', [OUTBOX_CHANNEL, rows[0].id]);
  return { id: rows[0].id, messageId };
}
