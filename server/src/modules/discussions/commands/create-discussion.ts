import type { NewDiscussion } from '@mailroom/contract';
import type { Deps } from '../../../deps.ts';
import type { Queryable } from '../../../platform/db/index.ts';
import { invalid } from '../../../platform/errors/index.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { discussionById, ensureState } from '../store.ts';

/** Active people of the caller's organisation among the ids (the others answer VALIDATION_FAILED). */
export async function people(q: Queryable, actor: UserActor, ids: string[], field: string) {
  const unique = [...new Set(ids)];
  const { rows } = await q.query<{ id: string }>('select id from users where org_id = $1 and active and id = any($2::uuid[])', [actor.orgId, unique]);
  const ok = new Set(rows.map((r) => r.id));
  const bad = unique.findIndex((id) => !ok.has(id));
  if (bad >= 0) throw invalid(`${field}.${ids.indexOf(unique[bad])}`, 'No such person in your organisation');
  return unique;
}

/**
 * A group discussion with the members the creator chose (the creator is its owner), or the direct
 * dialog with one person: there is one per pair, so asking again opens the same one.
 */
export async function createDiscussion(deps: Pick<Deps, 'db' | 'bus'>, actor: UserActor, input: NewDiscussion) {
  return deps.db.tx(async (tx) => {
    if (input.kind === 'direct') {
      const [other] = await people(tx, actor, [input.userId], 'userId');
      if (other === actor.userId) throw invalid('userId', 'A dialog needs another person');
      const key = [actor.userId, other].sort().join(':');
      const made = await tx.query<{ id: string }>(
        `insert into discussions (org_id, kind, direct_key, created_by) values ($1, 'direct', $2, $3) on conflict (org_id, direct_key) where direct_key is not null do nothing returning id`,
        [actor.orgId, key, actor.userId],
      );
      const id = made.rows[0]?.id ?? (await tx.query<{ id: string }>('select id from discussions where org_id = $1 and direct_key = $2', [actor.orgId, key])).rows[0].id;
      if (made.rows[0]) {
        await tx.query(`insert into discussion_members (discussion_id, user_id, role) values ($1, $2, 'owner'), ($1, $3, 'owner')`, [id, actor.userId, other]);
        await ensureState(tx, id, [actor.userId, other]);
        await deps.bus.emit(tx, { orgId: actor.orgId, type: 'discussion.updated', payload: { discussionId: id }, userIds: [actor.userId, other] });
      }
      return (await discussionById(tx, actor.orgId, id))!;
    }
    const members = (await people(tx, actor, input.memberIds, 'memberIds')).filter((id) => id !== actor.userId);
    const { rows } = await tx.query<{ id: string }>(`insert into discussions (org_id, kind, title, created_by) values ($1, 'group', $2, $3) returning id`, [actor.orgId, input.title, actor.userId]);
    const id = rows[0].id;
    await tx.query(
      `insert into discussion_members (discussion_id, user_id, role) select $1, u, case when u = $3 then 'owner' else 'member' end from unnest($2::uuid[]) u`,
      [id, [actor.userId, ...members], actor.userId],
    );
    await ensureState(tx, id, [actor.userId, ...members]);
    await deps.bus.emit(tx, { orgId: actor.orgId, type: 'discussion.updated', payload: { discussionId: id }, userIds: [actor.userId, ...members] });
    return (await discussionById(tx, actor.orgId, id))!;
  });
}
