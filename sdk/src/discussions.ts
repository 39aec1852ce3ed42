import type { ChatMessage, Discussion, PostMessage, PresenceStatus } from '@mailroom/contract';

type Call = <T>(method: string, path: string, body?: unknown, query?: Record<string, unknown>) => Promise<T>;
interface Page<T> { items: T[]; nextCursor: string | null }
type Ok = { ok: true };
const enc = encodeURIComponent;

export type NewDiscussionInput = { kind: 'group'; title: string; memberIds?: string[] } | { kind: 'direct'; userId: string };
export interface DiscussionSearchHit { discussion: { id: string; title: string; kind: Discussion['kind'] }; message: ChatMessage }
export interface MyPresence { status: 'available' | 'away' | 'dnd'; awayMinutes: number; sound: boolean }

/** Discussions (group, direct, about a business object): the REST calls of a signed-in person. */
export function discussionMethods(call: Call, baseUrl: () => string) {
  const d = (id: string) => `/discussions/${enc(id)}`;
  const m = (id: string, messageId: string) => `${d(id)}/messages/${enc(messageId)}`;
  return {
    list: (q: { limit?: number; cursor?: string } = {}) => call<Page<Discussion>>('GET', '/discussions', undefined, q),
    create: (input: NewDiscussionInput) => call<Discussion>('POST', '/discussions', input),
    get: (id: string) => call<Discussion>('GET', d(id)),
    /** Rename (a group's creator), pin or mute for myself. */
    update: (id: string, patch: { title?: string; pinned?: boolean; muted?: boolean }) => call<Discussion>('PATCH', d(id), patch),
    /** The business object's discussion (made on first use); it joins my list. */
    forObject: (type: string, objectId: string) => call<Discussion>('POST', `/objects/${enc(type)}/${enc(objectId)}/discussion`),
    addMembers: (id: string, userIds: string[]) => call<Discussion>('POST', `${d(id)}/members`, { userIds }),
    /** Remove a member (the creator) or leave (my own id). */
    removeMember: (id: string, userId: string) => call<Ok>('DELETE', `${d(id)}/members/${enc(userId)}`),
    /** Newest first going back (before), or oldest first catching up (after). */
    messages: (id: string, q: { before?: number; after?: number; limit?: number } = {}) => call<Page<ChatMessage>>('GET', `${d(id)}/messages`, undefined, q),
    /** Exactly once per clientId: the same id again answers the stored message. */
    post: (id: string, msg: Partial<PostMessage> & Pick<PostMessage, 'clientId' | 'text'>) => call<ChatMessage>('POST', `${d(id)}/messages`, msg),
    edit: (id: string, messageId: string, text: string) => call<ChatMessage>('PATCH', m(id, messageId), { text }),
    remove: (id: string, messageId: string) => call<ChatMessage>('DELETE', m(id, messageId)),
    react: (id: string, messageId: string, emoji: string) => call<Ok>('PUT', `${m(id, messageId)}/reactions/${enc(emoji)}`),
    unreact: (id: string, messageId: string, emoji: string) => call<Ok>('DELETE', `${m(id, messageId)}/reactions/${enc(emoji)}`),
    read: (id: string, seq: number) => call<{ readSeq: number }>('POST', `${d(id)}/read`, { seq }),
    typing: (id: string) => call<Ok>('POST', `${d(id)}/typing`),
    search: (q: string, limit = 20) => call<{ items: DiscussionSearchHit[] }>('GET', '/discussions/search', undefined, { q, limit }),
    /** The address to download a file of a message (with the session cookie; a token needs the bearer header). */
    fileUrl: (id: string, messageId: string, n: number) => `${baseUrl()}/api/v1${m(id, messageId)}/files/${n}`,
  };
}

/** Presence: available, away, do not disturb, offline. */
export function presenceMethods(call: Call) {
  return {
    of: (userIds: string[]) => call<{ items: { userId: string; status: PresenceStatus }[] }>('GET', '/presence', undefined, { userIds: userIds.join(',') }),
    me: () => call<MyPresence>('GET', '/presence/me'),
    set: (p: { status: MyPresence['status']; awayMinutes?: number; sound?: boolean }) => call<MyPresence>('PUT', '/presence/me', p),
  };
}
