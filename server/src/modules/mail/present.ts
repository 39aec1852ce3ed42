import type { Attachment, MailFolder, MailMessage, MailSummary } from '@mailroom/contract';
import type { FolderRow } from './folders-store.ts';
import type { EntryRow } from './store.ts';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export const presentFolder = (f: FolderRow & { unread: number; total: number; awaiting_read: number }): MailFolder => ({
  id: f.id, name: f.name, role: f.role, parentId: f.parent_id, unread: f.unread, total: f.total, awaitingRead: f.awaiting_read,
  accountId: f.account_id, accountRole: (f.account_role as MailFolder['accountRole']) ?? null,
});

/** A folder just created or changed, without counting its mail (the client refetches the list). */
export const presentNewFolder = (f: FolderRow): MailFolder => presentFolder({ ...f, unread: 0, total: 0, awaiting_read: 0 });

export const presentSummary = (e: EntryRow): MailSummary => ({
  id: e.id,
  messageId: e.message_id,
  threadId: e.thread_id,
  folderId: e.folder_id,
  subject: e.subject,
  snippet: e.body_text.slice(0, 160).replace(/\s+/g, ' ').trim(),
  // notes from the system itself have no sender person
  sender: e.sender_id
    ? { kind: 'user', id: e.sender_id, name: e.sender_name!, email: e.sender_email }
    : e.from_address
      ? { kind: 'external', id: e.from_address, name: e.from_name || e.from_address, email: e.from_address }
      : e.account_id
        ? { kind: 'external', id: '', name: e.from_name ?? '', email: null }
        : { kind: 'user', id: 'system', name: 'Mailroom', email: null },
  to: e.to_list,
  sentAt: iso(e.sent_at),
  importance: e.importance,
  seen: e.seen,
  flagged: e.flagged,
  isDraft: e.is_draft,
  hasAttachments: e.has_attachments,
  unreadBy: e.unread_by,
});

/** The full message; Bcc only on the sender's own copy. */
export const presentMessage = (e: EntryRow, attachments: Attachment[] = []): MailMessage => ({
  ...presentSummary(e),
  html: e.body_html,
  text: e.body_text,
  cc: e.cc_list,
  bcc: e.role === 'sender' ? e.bcc_list : [],
  inReplyTo: e.in_reply_to,
  attachments,
  accountId: e.account_id,
  hasRaw: e.raw_sha256 !== null,
  problem: e.parse_problem,
  remoteImages: e.remote_images,
  fromAddress: e.from_address,
});
