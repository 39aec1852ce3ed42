import { z } from 'zod';
import { Id, Line, page, PageQuery } from './common.ts';

/** Internal mail entries (one message in one person's mailbox) have numeric ids. */
export const EntryId = z.string().regex(/^\d{1,19}$/, 'An entry id (digits)');

export const RecipientRef = z.object({ kind: z.enum(['user', 'group', 'department']), id: Id }).strict();
export type RecipientRef = z.infer<typeof RecipientRef>;
export const Party = z.object({ kind: z.enum(['user', 'group', 'department']), id: z.string(), name: z.string(), email: z.string().nullable() });
export type Party = z.infer<typeof Party>;

export const Importance = z.enum(['normal', 'high']);
const Subject = z.string().trim().max(998).regex(/^[^\u0000-\u001f\u007f]*$/, 'Control characters are not allowed');
const Recipients = z.array(RecipientRef).max(1000);

export const Compose = z
  .object({
    to: Recipients.default([]),
    cc: Recipients.default([]),
    bcc: Recipients.default([]),
    subject: Subject.default(''),
    html: z.string().max(2_000_000).default(''),
    text: z.string().max(2_000_000).optional(),
    importance: Importance.default('normal'),
    /** The message (id) this one answers: it joins that thread. */
    inReplyTo: Id.optional(),
    /** Send this draft (its entry id); the draft leaves Drafts. */
    draftId: EntryId.optional(),
  })
  .strict();
export type Compose = z.infer<typeof Compose>;

export const MailFolder = z.object({
  id: Id,
  name: z.string(),
  role: z.enum(['inbox', 'sent', 'drafts', 'trash', 'archive']).nullable(),
  parentId: Id.nullable(),
  unread: z.number().int(),
  total: z.number().int(),
  /** Sent: messages some recipient has not read yet (shown bold). */
  awaitingRead: z.number().int(),
});
export type MailFolder = z.infer<typeof MailFolder>;
export const MailFolderList = z.object({ items: z.array(MailFolder) });
export const CreateFolder = z.object({ name: Line(200), parentId: Id.nullable().optional() }).strict();
export const UpdateFolder = z.object({ name: Line(200).optional(), parentId: Id.nullable().optional() }).strict();

export const MailSummary = z.object({
  id: EntryId,
  messageId: Id,
  threadId: Id,
  folderId: Id,
  subject: z.string(),
  snippet: z.string(),
  sender: Party,
  to: z.array(Party),
  sentAt: z.string().nullable(),
  importance: Importance,
  seen: z.boolean(),
  flagged: z.boolean(),
  isDraft: z.boolean(),
  /** For the sender's own copy: how many recipients have not read it yet; null otherwise. */
  unreadBy: z.number().int().nullable(),
});
export type MailSummary = z.infer<typeof MailSummary>;
export const MailPage = page(MailSummary);
export const MailListQuery = PageQuery.extend({ unread: z.enum(['true', 'false']).optional() });

export const MailMessage = MailSummary.extend({
  html: z.string(),
  text: z.string(),
  cc: z.array(Party),
  /** Only on the sender's copy. */
  bcc: z.array(Party),
  inReplyTo: Id.nullable(),
});
export type MailMessage = z.infer<typeof MailMessage>;

export const Delivery = z.object({
  userId: Id,
  name: z.string(),
  role: z.enum(['to', 'cc', 'bcc']),
  /** The group or department this person was reached through, when not named directly. */
  via: z.string().nullable(),
  deliveredAt: z.string(),
  readAt: z.string().nullable(),
});
export const DeliveryList = z.object({ items: z.array(Delivery), notYetReadBy: z.array(z.string()) });

export const UpdateEntry = z.object({ seen: z.boolean().optional(), flagged: z.boolean().optional() }).strict();
export const EntryIds = z.object({ entryIds: z.array(EntryId).min(1).max(1000) }).strict();
export const MoveEntries = EntryIds.extend({ folderId: Id }).strict();
