import { z } from 'zod';
import { Id } from './common.ts';

/** Discussions (the 1C Collaboration System): about a business object, a group, or two people. */
export const DiscussionKind = z.enum(['object', 'group', 'direct']);

export const DiscussionPerson = z.object({ id: Id, name: z.string() });

export const Discussion = z.object({
  id: Id,
  kind: DiscussionKind,
  title: z.string(),
  titleEdited: z.boolean(),
  /** The business object a contextual discussion is about. */
  object: z.object({ type: z.string(), id: z.string(), title: z.string() }).nullable(),
  /** Group and direct: the members; contextual: empty (the object decides who sees it). */
  members: z.array(DiscussionPerson),
  createdBy: Id.nullable(),
  lastSeq: z.number().int(),
  lastMessageAt: z.iso.datetime().nullable(),
  /** The caller's own state. */
  readSeq: z.number().int(),
  unread: z.number().int(),
  pinned: z.boolean(),
  muted: z.boolean(),
});
export type Discussion = z.infer<typeof Discussion>;
export const DiscussionList = z.object({ items: z.array(Discussion), nextCursor: z.string().nullable() });
export const DiscussionListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const NewDiscussion = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('group'), title: z.string().trim().min(1).max(200), memberIds: z.array(Id).max(10_000).default([]) }).strict(),
  z.object({ kind: z.literal('direct'), userId: Id }).strict(),
]);
export type NewDiscussion = z.infer<typeof NewDiscussion>;
export const DiscussionPatch = z.object({ title: z.string().trim().min(1).max(200).optional(), pinned: z.boolean().optional(), muted: z.boolean().optional() }).strict();
export const MemberIds = z.object({ userIds: z.array(Id).min(1).max(10_000) }).strict();

export const FileRef = z.object({ sha256: z.string(), filename: z.string(), contentType: z.string(), size: z.number().int() });
export const ChatMessage = z.object({
  id: z.string(),
  discussionId: Id,
  seq: z.number().int(),
  author: DiscussionPerson.nullable(),
  clientId: z.string(),
  text: z.string(),
  replyTo: z.object({ id: z.string(), author: z.string(), text: z.string() }).nullable(),
  mentions: z.array(Id),
  files: z.array(FileRef.omit({ sha256: true }).extend({ id: z.number().int() })),
  reactions: z.array(z.object({ emoji: z.string(), count: z.number().int(), mine: z.boolean() })),
  createdAt: z.iso.datetime(),
  editedAt: z.iso.datetime().nullable(),
  deleted: z.boolean(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;
export const ChatPage = z.object({ items: z.array(ChatMessage), nextCursor: z.string().nullable() });
export const ChatPageQuery = z.object({
  /** Older than this sequence number (paging back); newest first. */
  before: z.coerce.number().int().min(1).optional(),
  /** Newer than this sequence number (catching up), oldest first. */
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Text of a message: up to 10,000 characters; no NUL. */
const Body = z.string().max(10_000).regex(/^[^\u0000]*$/, 'NUL is not allowed');
export const PostMessage = z
  .object({
    /** The sender's own id (1–64 of A–Z a–z 0–9 _ -): the same id again is the same message. */
    clientId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    text: Body,
    replyTo: z.string().regex(/^[0-9]{1,19}$/).optional(),
    mentions: z.array(Id).max(100).default([]),
    /** Files uploaded with PUT /api/v1/mail/uploads (checked against the discussion limits when posted). */
    uploadIds: z.array(Id).max(20).default([]),
  })
  .strict();
export type PostMessage = z.infer<typeof PostMessage>;
export const EditMessage = z.object({ text: Body.min(1) }).strict();
export const ReadMarker = z.object({ seq: z.number().int().min(0) }).strict();

export const ChatSearchQuery = z.object({ q: z.string().trim().min(1).max(200), limit: z.coerce.number().int().min(1).max(100).default(20) });
export const ChatSearchHit = z.object({ discussion: z.object({ id: Id, title: z.string(), kind: DiscussionKind }), message: ChatMessage });
export const ChatSearchResult = z.object({ items: z.array(ChatSearchHit) });

export const PresenceStatus = z.enum(['available', 'away', 'dnd', 'offline']);
export type PresenceStatus = z.infer<typeof PresenceStatus>;
export const PresenceInput = z.object({ status: z.enum(['available', 'away', 'dnd']) }).strict();
