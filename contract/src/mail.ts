import { z } from 'zod';
import { Id, Line, page, PageQuery } from './common.ts';
import { BusinessObject } from './objects.ts';

/** Internal mail entries (one message in one person's mailbox) have numeric ids. */
export const EntryId = z.string().regex(/^\d{1,19}$/, 'An entry id (digits)');

export const RecipientRef = z.object({ kind: z.enum(['user', 'group', 'department']), id: Id }).strict();
export type RecipientRef = z.infer<typeof RecipientRef>;
/** Someone a message names: a person, group or department of ours, or an outside address (kind external, id = the address). */
export const Party = z.object({ kind: z.enum(['user', 'group', 'department', 'external']), id: z.string(), name: z.string(), email: z.string().nullable() });
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
    /** Files: fresh uploads (uploadId) or attachments of a message one has (attachmentId, e.g. when forwarding). */
    attachments: z.array(z.union([z.object({ uploadId: Id }).strict(), z.object({ attachmentId: Id }).strict()])).max(100).default([]),
    /** Send from this external account of mine (over its SMTP, a copy kept in its Sent); internal when absent. */
    accountId: Id.optional(),
    /** Outside addresses: sent over the account with accountId, otherwise queued to go out through the system account. */
    toAddresses: z.array(z.email().max(254)).max(1000).optional(),
    ccAddresses: z.array(z.email().max(254)).max(1000).optional(),
    bccAddresses: z.array(z.email().max(254)).max(1000).optional(),
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
  /** The outside account this folder mirrors (null for one's own folders). */
  accountId: Id.nullable(),
  /** Its part in the account: the account's top folder, or the server folder's special use. */
  accountRole: z.enum(['account', 'inbox', 'sent', 'drafts', 'trash', 'junk', 'archive']).nullable(),
});
export type MailFolder = z.infer<typeof MailFolder>;
export const MailFolderList = z.object({ items: z.array(MailFolder) });
export const CreateFolder = z.object({ name: Line(200), parentId: Id.nullable().optional() }).strict();
export const UpdateFolder = z.object({ name: Line(200).optional(), parentId: Id.nullable().optional() }).strict();

export const Attachment = z.object({ id: Id, filename: z.string(), size: z.number().int(), contentType: z.string() });
export type Attachment = z.infer<typeof Attachment>;
/** A file uploaded for a message being written (PUT /mail/uploads?filename=…, raw body). */
export const Upload = z.object({ uploadId: Id, filename: z.string(), size: z.number().int(), contentType: z.string(), sha256: z.string() });
export type Upload = z.infer<typeof Upload>;
export const UploadQuery = z.object({
  filename: z.string().trim().min(1).max(255).regex(/^[^\u0000-\u001f\u007f/\\]+$/, 'A file name without slashes or control characters'),
});

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
  hasAttachments: z.boolean(),
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
  attachments: z.array(Attachment),
  /** The external account the message came from (or went out through); null for internal mail. */
  accountId: Id.nullable(),
  /** The original (raw) message is kept and can be downloaded. */
  hasRaw: z.boolean(),
  /** Why the message could not be read fully, when it could not. */
  problem: z.string().nullable(),
  /** Remote images may be shown (allowed for this message or its sender). */
  remoteImages: z.boolean(),
  /** The sender's address for outside mail (what "always for this sender" allows). */
  fromAddress: z.string().nullable(),
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
  /** Unread past the retention time: removed from the recipient's mailbox. */
  expiredAt: z.string().nullable(),
});
export const DeliveryList = z.object({ items: z.array(Delivery), notYetReadBy: z.array(z.string()) });

/** Show remote images of this message, or of every message from its sender from now on. */
export const AllowRemoteImages = z.object({ scope: z.enum(['message', 'sender']) }).strict();

export const UpdateEntry = z.object({ seen: z.boolean().optional(), flagged: z.boolean().optional() }).strict();
export const EntryIds = z.object({ entryIds: z.array(EntryId).min(1).max(1000) }).strict();
export const MoveEntries = EntryIds.extend({ folderId: Id }).strict();

/** Search in my mailbox: words (Russian, English, Polish) in subject, body, sender and attachment names, with filters. */
export const MailSearchQuery = PageQuery.extend({
  q: z.string().trim().max(200).default(''),
  folderId: Id.optional(),
  senderId: Id.optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  hasAttachment: z.enum(['true', 'false']).optional(),
  importance: Importance.optional(),
  unread: z.enum(['true', 'false']).optional(),
});
export type MailSearchQuery = z.infer<typeof MailSearchQuery>;

/** Auto-complete for the compose window: people, groups and departments of my organisation. */
export const RecipientQuery = z.object({ q: z.string().trim().max(100).default(''), limit: z.coerce.number().int().min(1).max(50).default(10) });
export const RecipientSuggestions = z.object({ items: z.array(Party) });

/** How often a client without a live socket asks for new mail: the server default, or the person's own. */
export const MailSettings = z.object({ pollSeconds: z.number().int(), serverPollSeconds: z.number().int(), ownPollSeconds: z.number().int().nullable() });
export const UpdateMailSettings = z.object({ pollSeconds: z.number().int().min(30).max(86400).nullable() }).strict();

/** A message tied to business objects of the host application (kept when its outside account goes). */
export const MailLinkList = z.object({ items: z.array(BusinessObject) });
