import type { Queryable } from '../../platform/db/index.ts';

export interface DiscussionRow {
  id: string;
  org_id: string;
  kind: 'object' | 'group' | 'direct';
  object_id: string | null;
  direct_key: string | null;
  title: string;
  title_edited_at: Date | null;
  created_by: string | null;
  created_at: Date;
  last_seq: string;
  last_message_at: Date | null;
  object_type: string | null;
  object_external_id: string | null;
  object_title: string | null;
}

export const DISCUSSION_SELECT = `select d.id, d.org_id, d.kind, d.object_id, d.direct_key, d.title, d.title_edited_at, d.created_by, d.created_at, d.last_seq::text, d.last_message_at,
  o.type as object_type, o.external_id as object_external_id, o.title as object_title
  from discussions d left join objects o on o.id = d.object_id`;

/** One discussion of the organisation; `lock` takes its row lock (messages are numbered under it). */
export async function discussionById(q: Queryable, orgId: string, id: string, lock = false) {
  const { rows } = await q.query<DiscussionRow>(`${DISCUSSION_SELECT} where d.id = $1 and d.org_id = $2${lock ? ' for update of d' : ''}`, [id, orgId]);
  return rows[0] ?? null;
}

export async function memberIds(q: Queryable, discussionId: string) {
  const { rows } = await q.query<{ user_id: string }>('select user_id from discussion_members where discussion_id = $1', [discussionId]);
  return rows.map((r) => r.user_id);
}

/** Members (id, name) of several discussions at once. */
export async function membersOf(q: Queryable, ids: string[]) {
  const out = new Map<string, { id: string; name: string }[]>();
  if (!ids.length) return out;
  const { rows } = await q.query<{ discussion_id: string; id: string; name: string }>(
    `select m.discussion_id, u.id, u.name from discussion_members m join users u on u.id = m.user_id where m.discussion_id = any($1::uuid[]) order by u.name, u.id`,
    [ids],
  );
  for (const r of rows) out.set(r.discussion_id, [...(out.get(r.discussion_id) ?? []), { id: r.id, name: r.name }]);
  return out;
}

/** The person's own state row (read marker, pin, mute): made on first use; a contextual discussion joins their list with it. */
export async function ensureState(q: Queryable, discussionId: string, userIds: string[]) {
  if (!userIds.length) return;
  await q.query(
    `insert into discussion_states (discussion_id, user_id) select $1, u from unnest($2::uuid[]) u on conflict do nothing`,
    [discussionId, userIds],
  );
}
