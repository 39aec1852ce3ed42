import { z } from 'zod';
import { User } from './users.ts';
import { BusinessObject } from './objects.ts';
import { Group } from './users.ts';
import { ChatMessage, type PresenceStatus } from './discussions.ts';

/** Every real-time event a client can receive. `id` grows; clients resume from the last one they saw. */
export const EventPayloads = {
  'user.updated': z.object({ user: User }),
  'group.updated': z.object({ group: Group }),
  'object.updated': z.object({ object: BusinessObject }),
  'object.removed': z.object({ type: z.string(), externalId: z.string() }),
  /** New mail in the recipient's Inbox; the client refetches counts and the open folder. */
  'mail.received': z.object({ messageId: z.string(), subject: z.string(), importance: z.enum(['normal', 'high']), sender: z.object({ id: z.string(), name: z.string() }) }),
  /** A recipient read a message the receiver of this event sent. */
  'mail.read': z.object({ messageId: z.string(), userId: z.string(), readAt: z.string() }),
  /** The person's own mailbox changed in another tab or device (moved, flagged, read, deleted). */
  'mail.changed': z.object({ folderIds: z.array(z.string()) }),
  /** An outside account's state changed (syncing, progress, up to date, error): the client refetches its accounts. */
  'account.changed': z.object({ accountId: z.string() }),
  /** An e-mail the receiver of this event sent to outside addresses was refused or gave up on (outgoing queue). */
  'outbox.failed': z.object({ outboxId: z.string(), subject: z.string(), recipients: z.array(z.string()), problem: z.string(), detail: z.string() }),
  /** A discussion appeared in the receiver's list or changed (title, members): the client refetches it. */
  'discussion.updated': z.object({ discussionId: z.string() }),
  /** The receiver was removed from a discussion (or left it): the last event of it they get. */
  'discussion.removed': z.object({ discussionId: z.string() }),
  /** A new message (the client matches its own by clientId). */
  'discussion.message': z.object({ message: ChatMessage }),
  /** A message was edited or deleted. */
  'discussion.message.updated': z.object({ message: ChatMessage }),
  'discussion.reaction': z.object({ discussionId: z.string(), messageId: z.string(), emoji: z.string(), userId: z.string(), added: z.boolean() }),
  /** Someone's read marker moved. */
  'discussion.read': z.object({ discussionId: z.string(), userId: z.string(), seq: z.number() }),
  /** The receiver was mentioned (a notification). */
  'discussion.mention': z.object({ discussionId: z.string(), messageId: z.string(), by: z.object({ id: z.string(), name: z.string() }).nullable() }),
  /** Passing, not stored: someone is typing (comes as a `signal` frame, not an event). */
  'discussion.typing': z.object({ discussionId: z.string(), userId: z.string(), name: z.string() }),
  /** Passing, not stored: the presence of a contact, or of someone the socket watches, changed (a `signal` frame). */
  'presence.changed': z.object({ userId: z.string(), status: z.enum(['available', 'away', 'dnd', 'offline']) }),
  /** Internal, never sent to clients: close the person's sockets (one session, all but one, or all). */
  'auth.revoked': z.object({ sessionId: z.string().nullable(), exceptSessionId: z.string().nullable() }),
} as const;
/** Events the servers act on themselves and never forward to a client. */
export const internalEventTypes: readonly string[] = ['auth.revoked'];
export type EventType = keyof typeof EventPayloads;
export type EventPayload<T extends EventType> = z.infer<(typeof EventPayloads)[T]>;

export const Event = z.object({ id: z.string(), type: z.string(), at: z.string(), payload: z.unknown() });
export type Event = z.infer<typeof Event>;

/** Frames the server sends over the WebSocket. */
export type ServerFrame =
  | { kind: 'ready'; lastEventId: string }
  | { kind: 'event'; event: Event }
  | { kind: 'resync'; reason: 'too-far-behind' | 'unknown-position'; lastEventId: string }
  /** Passing, no id, never replayed: `discussion.typing`, `presence.changed`. */
  | { kind: 'signal'; type: string; payload: unknown }
  /**
   * The answer to a `watch` frame: how many of the ids are watched now (people of the organisation),
   * and the presence of those newly watched as of now (later changes come as signals).
   */
  | { kind: 'watching'; count: number; presence: { userId: string; status: PresenceStatus }[] };

/** The most people one socket may watch. */
export const WATCH_LIMIT = 500;
/**
 * Frames a client sends over the WebSocket. `watch`: the people whose presence it shows now (it
 * replaces the previous set; an empty list stops watching); their presence changes come as signals.
 */
export const ClientFrame = z.discriminatedUnion('kind', [z.object({ kind: z.literal('watch'), userIds: z.array(z.string().uuid()).max(WATCH_LIMIT) })]);
export type ClientFrame = z.infer<typeof ClientFrame>;

export const EventsSince = z.object({
  events: z.array(Event),
  lastEventId: z.string(),
  resync: z.boolean(),
});
