import type { TFunction } from 'i18next';
import type { MailMessage, Party } from '@mailroom/sdk';

/** A file of the message being written: being uploaded, uploaded (uploadId) or kept from another message (attachmentId). */
export interface ComposeFile {
  key: string;
  filename: string;
  size: number;
  ref: { uploadId: string } | { attachmentId: string } | null;
  /** Set while uploading; the error when the upload failed. */
  uploading?: boolean;
  error?: unknown;
}

export interface ComposeInit {
  /** The draft's entry id, when continuing a saved draft. */
  draftId?: string;
  to: Party[];
  cc: Party[];
  bcc: Party[];
  subject: string;
  html: string;
  importance: 'normal' | 'high';
  inReplyTo?: string;
  files: ComposeFile[];
  /** Sent from this external account (over its SMTP); internal mail when absent. */
  accountId?: string;
}

export const blankCompose = (): ComposeInit => ({ to: [], cc: [], bcc: [], subject: '', html: '', importance: 'normal', files: [] });

export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const sameParty = (a: Party, b: Party) => a.kind === b.kind && a.id === b.id;
const unique = (ps: Party[]) => ps.filter((p, i) => ps.findIndex((q) => sameParty(p, q)) === i);
const withPrefix = (prefix: string, subject: string) => (subject.toLowerCase().startsWith(prefix.toLowerCase()) ? subject : `${prefix} ${subject}`.trim());

const quoted = (header: string, m: MailMessage) =>
  `<p><br></p><p>${escapeHtml(header)}</p><blockquote>${m.html || `<p>${escapeHtml(m.text).replace(/\n/g, '<br>')}</p>`}</blockquote>`;

/** Reply (to the sender) or reply all (also to everyone else it went to, but not to me). */
export function replyCompose(t: TFunction, m: MailMessage, meId: string, all: boolean, when: string): ComposeInit {
  const isMe = (p: Party) => p.kind === 'user' && p.id === meId;
  // answering my own sent message goes to its recipients
  const to = m.sender.id === meId ? m.to : [m.sender, ...(all ? m.to.filter((p) => !isMe(p)) : [])];
  return {
    ...blankCompose(),
    to: unique(to),
    cc: all ? unique(m.cc.filter((p) => !isMe(p))) : [],
    subject: withPrefix(t('mail.compose.replyPrefix'), m.subject),
    html: quoted(t('mail.compose.quoteHeader', { date: when, name: m.sender.name }), m),
    importance: 'normal',
    inReplyTo: m.messageId,
    // mail from outside is answered from the account it came through
    ...(m.accountId ? { accountId: m.accountId } : {}),
  };
}

/** Forward: the text quoted and the original attachments kept (by attachmentId, nothing is uploaded again). */
export function forwardCompose(t: TFunction, m: MailMessage, when: string): ComposeInit {
  const header = `${t('mail.compose.forwardHeader')} ${t('mail.compose.quoteHeader', { date: when, name: m.sender.name })}`;
  return {
    ...blankCompose(),
    subject: withPrefix(t('mail.compose.forwardPrefix'), m.subject),
    html: quoted(header, m),
    files: m.attachments.map((a) => ({ key: `a${a.id}`, filename: a.filename, size: a.size, ref: { attachmentId: a.id } })),
  };
}

/** Continue a saved draft. */
export const draftCompose = (m: MailMessage): ComposeInit => ({
  draftId: m.id,
  to: m.to,
  cc: m.cc,
  bcc: m.bcc,
  subject: m.subject,
  html: m.html,
  importance: m.importance,
  inReplyTo: m.inReplyTo ?? undefined,
  files: m.attachments.map((a) => ({ key: `a${a.id}`, filename: a.filename, size: a.size, ref: { attachmentId: a.id } })),
  ...(m.accountId ? { accountId: m.accountId } : {}),
});

export const formatSize = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
