import type { Deps } from '../../deps.ts';
import type { UserActor } from '../../platform/http/actor.ts';
import { accessDiscussion, type AccessDeps } from './access.ts';
import { MESSAGE_SELECT, presentDiscussions, presentMessages, type MessageRow } from './present.ts';
import { DISCUSSION_SELECT, type DiscussionRow } from './store.ts';

/** Whether the caller may see each contextual discussion now (the object decides); group and direct ones are the caller's by membership. */
async function visible(deps: AccessDeps, actor: UserActor, rows: DiscussionRow[]) {
  const out: DiscussionRow[] = [];
  for (const r of rows) {
    if (r.kind !== 'object') out.push(r);
    else
      try {
        await accessDiscussion(deps, actor, r.id);
        out.push(r);
      } catch {
        // access revoked: it leaves the list
      }
  }
  return out;
}

/**
 * The caller's discussions: groups and dialogs they are a member of, and contextual ones in their
 * list whose object they may still see; pinned first, then by the newest message. Pages by offset.
 */
export async function listDiscussions(deps: AccessDeps, actor: UserActor, limit: number, cursor?: string) {
  const offset = cursor && /^[0-9]{1,9}$/.test(cursor) ? Number(cursor) : 0;
  const { rows } = await deps.db.query<DiscussionRow & { pinned: boolean }>(
    `${DISCUSSION_SELECT} join discussion_states s on s.discussion_id = d.id and s.user_id = $1
      where d.org_id = $2 and (d.kind = 'object' or exists (select 1 from discussion_members m where m.discussion_id = d.id and m.user_id = $1))
      order by s.pinned desc, d.last_message_at desc nulls last, d.created_at desc, d.id limit $3 offset $4`,
    [actor.userId, actor.orgId, limit + 1, offset],
  );
  const page = rows.slice(0, limit);
  return {
    items: await presentDiscussions(deps.db, actor.userId, await visible(deps, actor, page)),
    nextCursor: rows.length > limit ? String(offset + limit) : null,
  };
}

/** A page of messages: newest first going back (`before`), or oldest first catching up (`after`). */
export async function listMessages(deps: AccessDeps, actor: UserActor, id: string, q: { before?: number; after?: number; limit: number }) {
  const d = await accessDiscussion(deps, actor, id);
  const forward = q.after !== undefined;
  const { rows } = await deps.db.query<MessageRow>(
    `${MESSAGE_SELECT} where m.discussion_id = $1 and ${forward ? 'm.seq > $2' : 'm.seq < $2'} order by m.seq ${forward ? 'asc' : 'desc'} limit $3`,
    [d.id, forward ? q.after : (q.before ?? Number.MAX_SAFE_INTEGER), q.limit + 1],
  );
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { items: await presentMessages(deps.db, actor.userId, page), nextCursor: rows.length > q.limit && last ? last.seq : null };
}

/**
 * Full text over the messages of discussions the caller may see (the Russian configuration, as
 * mail's `refreshSearch`), newest first: their groups and dialogs, and contextual discussions
 * whose object they may see.
 */
export async function searchMessages(deps: AccessDeps & Pick<Deps, 'db'>, actor: UserActor, text: string, limit: number) {
  const { rows } = await deps.db.query<MessageRow & { d_title: string; d_kind: DiscussionRow['kind'] }>(
    `${MESSAGE_SELECT.replace('from discussion_messages m', 'from discussion_messages m join discussions dd on dd.id = m.discussion_id')}
      where dd.org_id = $2 and m.deleted_at is null
        and m.search @@ websearch_to_tsquery('russian', $3)
        and (dd.kind = 'object' or exists (select 1 from discussion_members x where x.discussion_id = dd.id and x.user_id = $1))
      order by m.created_at desc limit $4`,
    [actor.userId, actor.orgId, text, limit * 4],
  );
  const allowed = new Map<string, DiscussionRow | null>();
  const out = [];
  for (const r of rows) {
    if (!allowed.has(r.discussion_id)) allowed.set(r.discussion_id, await accessDiscussion(deps, actor, r.discussion_id).catch(() => null));
    const d = allowed.get(r.discussion_id);
    if (!d) continue;
    const [discussion] = await presentDiscussions(deps.db, actor.userId, [d]);
    out.push({ discussion: { id: d.id, title: discussion.title, kind: d.kind }, message: (await presentMessages(deps.db, actor.userId, [r]))[0] });
    if (out.length === limit) break;
  }
  return { items: out };
}
