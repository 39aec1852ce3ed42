import type { Party } from '@mailroom/contract';
import type { Queryable } from '../../platform/db/index.ts';

export interface MessageFields {
  subject: string;
  html: string;
  text: string;
  importance: 'normal' | 'high';
  to: Party[];
  cc: Party[];
  bcc: Party[];
  expansion: unknown[];
}

export async function insertMessage(q: Queryable, m: MessageFields & { orgId: string; senderId: string | null; threadId: string | null; inReplyTo: string | null; draft: boolean }) {
  const { rows } = await q.query<{ id: string }>(
    `insert into mail_messages (org_id, thread_id, in_reply_to, sender_id, subject, body_html, body_text, importance, to_list, cc_list, bcc_list, expansion, is_draft, sent_at)
     values ($1, coalesce($2, gen_random_uuid()), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, case when $13 then null else now() end)
     returning id`,
    [m.orgId, m.threadId, m.inReplyTo, m.senderId, m.subject, m.html, m.text, m.importance, JSON.stringify(m.to), JSON.stringify(m.cc), JSON.stringify(m.bcc), JSON.stringify(m.expansion), m.draft],
  );
  // a new thread starts with this message's own id
  if (!m.threadId) await q.query('update mail_messages set thread_id = id where id = $1', [rows[0].id]);
  return rows[0].id;
}

export async function updateMessage(q: Queryable, id: string, m: MessageFields & { threadId: string | null; inReplyTo: string | null; draft: boolean }) {
  await q.query(
    `update mail_messages set subject = $2, body_html = $3, body_text = $4, importance = $5, to_list = $6, cc_list = $7, bcc_list = $8,
            expansion = $9, is_draft = $10, sent_at = case when $10 then null else now() end, thread_id = coalesce($11, id), in_reply_to = $12, updated_at = now()
      where id = $1`,
    [id, m.subject, m.html, m.text, m.importance, JSON.stringify(m.to), JSON.stringify(m.cc), JSON.stringify(m.bcc), JSON.stringify(m.expansion), m.draft, m.threadId, m.inReplyTo],
  );
}

/** Puts the message into many mailboxes at once: one small row per person. */
export async function insertEntries(q: Queryable, messageId: string, rows: { userId: string; folderId: string; role: string; seen: boolean }[], deliveredAt?: Date) {
  if (!rows.length) return [];
  const r = await q.query<{ id: string; user_id: string }>(
    `insert into mail_entries (user_id, message_id, folder_id, role, seen, delivered_at)
     select u, $1, f, r, s, coalesce($6::timestamptz, now()) from unnest($2::uuid[], $3::uuid[], $4::text[], $5::boolean[]) as t(u, f, r, s)
     returning id::text, user_id`,
    [messageId, rows.map((x) => x.userId), rows.map((x) => x.folderId), rows.map((x) => x.role), rows.map((x) => x.seen), deliveredAt ?? null],
  );
  return r.rows;
}

export interface EntryRow {
  id: string;
  user_id: string;
  message_id: string;
  folder_id: string;
  role: 'sender' | 'to' | 'cc' | 'bcc' | 'copy';
  seen: boolean;
  flagged: boolean;
  delivered_at: Date;
  read_at: Date | null;
  trashed_from: string | null;
  thread_id: string;
  in_reply_to: string | null;
  sender_id: string | null;
  sender_name: string | null;
  sender_email: string | null;
  has_attachments: boolean;
  from_name: string | null;
  from_address: string | null;
  account_id: string | null;
  raw_sha256: string | null;
  parse_problem: string | null;
  remote_images: boolean;
  subject: string;
  body_html: string;
  body_text: string;
  importance: 'normal' | 'high';
  to_list: Party[];
  cc_list: Party[];
  bcc_list: Party[];
  is_draft: boolean;
  sent_at: Date | null;
  unread_by: number | null;
}

export const ENTRY_SELECT = `select e.id::text, e.user_id, e.message_id, e.folder_id, e.role, e.seen, e.flagged, e.delivered_at, e.read_at, e.trashed_from,
    m.thread_id, m.in_reply_to, m.sender_id, s.name as sender_name, s.email as sender_email, m.subject, m.body_html, m.body_text,
    m.importance, m.to_list, m.cc_list, m.bcc_list, m.is_draft, m.sent_at, m.has_attachments, m.from_name, m.from_address, m.account_id, m.raw_sha256, m.parse_problem,
    (m.remote_images or (m.from_address is not null and exists (select 1 from mail_image_senders i where i.user_id = e.user_id and i.address = m.from_address))) as remote_images,
    case when e.role = 'sender' and not m.is_draft then coalesce(e.awaiting, 0) end as unread_by
  from mail_entries e join mail_messages m on m.id = e.message_id left join users s on s.id = m.sender_id`;

export async function entryById(q: Queryable, id: string) {
  const { rows } = await q.query<EntryRow>(`${ENTRY_SELECT} where e.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function entriesOf(q: Queryable, userId: string, ids: string[]) {
  const { rows } = await q.query<EntryRow>(`${ENTRY_SELECT} where e.user_id = $1 and e.id = any($2::bigint[])`, [userId, ids]);
  return rows;
}

/** The sender's copies of a message count one fewer reader to wait for (a first read, or an expiry). */
export async function settleAwaiting(q: Queryable, messageId: string, by = 1) {
  await q.query(`update mail_entries set awaiting = greatest(0, awaiting - $2) where message_id = $1 and role = 'sender' and awaiting > 0`, [messageId, by]);
}
