import { z } from 'zod';
import {
  ChatMessage, ChatPage, ChatPageQuery, ChatSearchQuery, ChatSearchResult, Discussion, DiscussionList, DiscussionListQuery, DiscussionPatch, EditMessage,
  Id, MemberIds, NewDiscussion, Ok, PostMessage, ReadMarker,
} from '@mailroom/contract';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../platform/errors/index.ts';
import type { UserActor } from '../../platform/http/actor.ts';
import { defineRoute, type RouteDef } from '../../platform/http/route.ts';
import { accessDiscussion } from './access.ts';
import { changeMessage } from './commands/change-message.ts';
import { createDiscussion } from './commands/create-discussion.ts';
import { markRead } from './commands/mark-read.ts';
import { addMembers, removeMember } from './commands/members.ts';
import { openObjectDiscussion } from './commands/open-object.ts';
import { postMessage } from './commands/post-message.ts';
import { react } from './commands/react.ts';
import { typing } from './commands/typing.ts';
import { updateDiscussion } from './commands/update-discussion.ts';
import { messageById, presentDiscussions } from './present.ts';
import { listDiscussions, listMessages, searchMessages } from './queries.ts';
import type { DiscussionRow } from './store.ts';

const tag = 'discussions';
const Params = z.object({ id: Id });
const MessageParams = z.object({ id: Id, messageId: z.string().regex(/^[0-9]{1,19}$/) });
const ObjectParams = z.object({ type: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/), id: z.string().regex(/^[^/\u0000-\u001f]{1,200}$/) });
const me = (a: unknown) => a as UserActor;

/** Discussions, their messages, members, reactions, read markers and typing: a signed-in person's own. */
export function discussionRoutes(deps: Deps): RouteDef[] {
  const one = async (actor: UserActor, d: DiscussionRow) => (await presentDiscussions(deps.db, actor.userId, [d]))[0];
  return [
    defineRoute({
      method: 'GET', url: '/api/v1/discussions', access: 'person', tag, summary: 'My discussions: pinned first, then by the newest message, with unread counts',
      query: DiscussionListQuery, response: DiscussionList,
      handler: ({ actor, query }) => listDiscussions(deps, me(actor), query.limit, query.cursor),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/discussions', access: 'person', tag, summary: 'Start a group discussion with chosen members, or open the direct dialog with a person',
      body: NewDiscussion, response: Discussion, example: { kind: 'group', title: 'Q4 budget', memberIds: [] },
      handler: async ({ actor, body }) => one(me(actor), await createDiscussion(deps, me(actor), body)),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/discussions/search', access: 'person', tag, summary: 'Search the messages of discussions I may see',
      query: ChatSearchQuery, response: ChatSearchResult,
      handler: ({ actor, query }) => searchMessages(deps, me(actor), query.q, query.limit),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/objects/:type/:id/discussion', access: 'person', tag, summary: "The business object's discussion (made on first use); it joins my list",
      params: ObjectParams, response: Discussion,
      handler: async ({ actor, params }) => one(me(actor), await openObjectDiscussion(deps, me(actor), { type: params.type, id: params.id })),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/discussions/:id', access: 'person', tag, summary: 'One discussion', params: Params, response: Discussion,
      handler: async ({ actor, params }) => one(me(actor), await accessDiscussion(deps, me(actor), params.id)),
    }),
    defineRoute({
      method: 'PATCH', url: '/api/v1/discussions/:id', access: 'person', tag, summary: 'Rename (marked edited); pin or mute it for myself',
      params: Params, body: DiscussionPatch, response: Discussion, example: { pinned: true },
      handler: async ({ actor, params, body }) => one(me(actor), await updateDiscussion(deps, me(actor), params.id, body)),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/discussions/:id/members', access: 'person', tag, summary: 'Add members to a group discussion (its creator)',
      params: Params, body: MemberIds, response: Discussion, example: { userIds: ['00000000-0000-4000-8000-000000000000'] },
      handler: async ({ actor, params, body }) => one(me(actor), await addMembers(deps, me(actor), params.id, body.userIds)),
    }),
    defineRoute({
      method: 'DELETE', url: '/api/v1/discussions/:id/members/:userId', access: 'person', tag, summary: 'Remove a member (its creator) or leave (myself)',
      params: z.object({ id: Id, userId: Id }), response: Ok,
      handler: ({ actor, params }) => removeMember(deps, me(actor), params.id, params.userId),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/discussions/:id/messages', access: 'person', tag, summary: 'Messages: newest first going back (before), or oldest first catching up (after)',
      params: Params, query: ChatPageQuery, response: ChatPage,
      handler: ({ actor, params, query }) => listMessages(deps, me(actor), params.id, query),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/discussions/:id/messages', access: 'person', tag, summary: 'Post a message; the same clientId again returns the stored one (exactly once)',
      params: Params, body: PostMessage, response: ChatMessage, status: 201, example: { clientId: 'c-1', text: 'Hello' },
      handler: async ({ actor, params, body, reply }) => {
        const { message, created } = await postMessage(deps, me(actor), params.id, body);
        if (!created) reply.status(200);
        return message;
      },
    }),
    defineRoute({
      method: 'PATCH', url: '/api/v1/discussions/:id/messages/:messageId', access: 'person', tag, summary: 'Edit my message (marked edited)',
      params: MessageParams, body: EditMessage, response: ChatMessage, example: { text: 'Hello again' },
      handler: ({ actor, params, body }) => changeMessage(deps, me(actor), params.id, params.messageId, body),
    }),
    defineRoute({
      method: 'DELETE', url: '/api/v1/discussions/:id/messages/:messageId', access: 'person', tag, summary: 'Delete my message (its place stays)',
      params: MessageParams, response: ChatMessage,
      handler: ({ actor, params }) => changeMessage(deps, me(actor), params.id, params.messageId, 'delete'),
    }),
    defineRoute({
      method: 'PUT', url: '/api/v1/discussions/:id/messages/:messageId/reactions/:emoji', access: 'person', tag, summary: 'React to a message with an emoji',
      params: MessageParams.extend({ emoji: z.string().max(64) }), response: Ok,
      handler: ({ actor, params }) => react(deps, me(actor), params.id, params.messageId, params.emoji, true),
    }),
    defineRoute({
      method: 'DELETE', url: '/api/v1/discussions/:id/messages/:messageId/reactions/:emoji', access: 'person', tag, summary: 'Take my reaction back',
      params: MessageParams.extend({ emoji: z.string().max(64) }), response: Ok,
      handler: ({ actor, params }) => react(deps, me(actor), params.id, params.messageId, params.emoji, false),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/discussions/:id/messages/:messageId/files/:n', access: 'person', tag, summary: 'Download a file of a message', raw: true,
      params: MessageParams.extend({ n: z.coerce.number().int().min(0).max(19) }),
      handler: async ({ actor, params, reply }) => {
        const d = await accessDiscussion(deps, me(actor), params.id);
        const m = await messageById(deps.db, d.id, params.messageId);
        const f = m && !m.deleted_at ? (m.files as { sha256?: string; filename: string; contentType: string }[])[params.n] : undefined;
        if (!f?.sha256) throw notFound();
        reply.header('content-type', f.contentType || 'application/octet-stream');
        reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`);
        reply.header('content-security-policy', "sandbox; default-src 'none'");
        reply.header('x-content-type-options', 'nosniff');
        return reply.send(deps.blobs.read(f.sha256));
      },
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/discussions/:id/read', access: 'person', tag, summary: 'Move my read marker forward',
      params: Params, body: ReadMarker, response: z.object({ readSeq: z.number().int() }), example: { seq: 1 },
      handler: ({ actor, params, body }) => markRead(deps, me(actor), params.id, body.seq),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/discussions/:id/typing', access: 'person', tag, summary: "I am typing (a passing signal to the others; send every few seconds while typing)",
      params: Params, response: Ok,
      handler: ({ actor, params }) => typing(deps, me(actor), params.id),
    }),
  ];
}
