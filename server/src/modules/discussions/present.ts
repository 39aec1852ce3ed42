import type { ChatMessage, Discussion } from '@mailroom/contract';
import type { Queryable } from '../../platform/db/index.ts';
import { membersOf, type DiscussionRow } from './store.ts';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export interface StateRow { read_seq: string; pinned: boolean; muted: boolean }

/** Discussions as the caller sees them: with members, and the caller's read marker, pin and mute. */
export async function presentDiscussions(q: Queryable, userId: string, rows: DiscussionRow[]): Promise<Discussion[]> {
  const ids = rows.map((r) => r.id);
  const members = await membersOf(q, ids);
  const { rows: states } = ids.length
    ? await q.query<StateRow & { discussion_id: string }>('select discussion_id, read_seq::text, pinned, muted from discussion_states where user_id = $1 and discussion_id = any($2::uuid[])', [userId, ids])
    : { rows: [] };
  const stateOf = new Map(states.map((s) => [s.discussion_id, s]));
  return rows.map((r) => {
    const s = stateOf.get(r.id);
    const readSeq = Number(s?.read_seq ?? 0);
    const people = members.get(r.id) ?? [];
    // a direct dialog is called after the other person
    const title = r.kind === 'direct' ? (people.find((p) => p.id !== userId)?.name ?? r.title) : r.kind === 'object' && !r.title ? (r.object_title ?? '') : r.title;
    return {
      id: r.id, kind: r.kind, title, titleEdited: r.title_edited_at !== null,
      object: r.kind === 'object' ? { type: r.object_type!, id: r.object_external_id!, title: r.object_title ?? '' } : null,
      members: people, createdBy: r.created_by, lastSeq: Number(r.last_seq), lastMessageAt: iso(r.last_message_at),
      readSeq, unread: Math.max(0, Number(r.last_seq) - readSeq), pinned: s?.pinned ?? false, muted: s?.muted ?? false,
    };
  });
}

export interface MessageRow {
  id: string;
  discussion_id: string;
  seq: string;
  author_id: string | null;
  author_name: string | null;
  client_id: string;
  body: string;
  reply_to: string | null;
  reply_author: string | null;
  reply_body: string | null;
  reply_deleted: boolean | null;
  mentions: string[];
  files: { filename: string; contentType: string; size: number }[];
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
}

export const MESSAGE_SELECT = `select m.id::text, m.discussion_id, m.seq::text, m.author_id, a.name as author_name, m.client_id, m.body, m.reply_to::text,
    ra.name as reply_author, r.body as reply_body, r.deleted_at is not null as reply_deleted, m.mentions, m.files, m.created_at, m.edited_at, m.deleted_at
  from discussion_messages m
  left join users a on a.id = m.author_id
  left join discussion_messages r on r.id = m.reply_to
  left join users ra on ra.id = r.author_id`;

/** Messages with their reactions counted (and whether the caller gave each); a deleted one keeps only its place. */
export async function presentMessages(q: Queryable, userId: string, rows: MessageRow[], withReactions = true): Promise<ChatMessage[]> {
  const ids = rows.map((r) => r.id);
  const { rows: reactions } = ids.length && withReactions
    ? await q.query<{ message_id: string; emoji: string; n: number; mine: boolean }>(
        `select message_id::text, emoji, count(*)::int as n, bool_or(user_id::text = $2) as mine from discussion_reactions
          where message_id = any($1::bigint[]) group by message_id, emoji order by min(created_at)`,
        [ids, userId],
      )
    : { rows: [] };
  return rows.map((r) => {
    const deleted = r.deleted_at !== null;
    return {
      id: r.id, discussionId: r.discussion_id, seq: Number(r.seq), author: r.author_id ? { id: r.author_id, name: r.author_name ?? '' } : null,
      clientId: r.client_id, text: deleted ? '' : r.body,
      replyTo: r.reply_to ? { id: r.reply_to, author: r.reply_author ?? '', text: r.reply_deleted ? '' : (r.reply_body ?? '').slice(0, 300) } : null,
      mentions: deleted ? [] : r.mentions, files: deleted ? [] : r.files.map((f, i) => ({ id: i, filename: f.filename, contentType: f.contentType, size: f.size })),
      reactions: deleted ? [] : reactions.filter((x) => x.message_id === r.id).map((x) => ({ emoji: x.emoji, count: x.n, mine: x.mine })),
      createdAt: iso(r.created_at)!, editedAt: iso(r.edited_at), deleted,
    };
  });
}

export async function messageById(q: Queryable, discussionId: string, id: string) {
  const { rows } = await q.query<MessageRow>(`${MESSAGE_SELECT} where m.discussion_id = $1 and m.id = $2`, [discussionId, id]);
  return rows[0] ?? null;
}
