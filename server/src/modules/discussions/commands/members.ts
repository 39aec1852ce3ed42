import type { Deps } from '../../../deps.ts';
import { AppError, invalid } from '../../../platform/errors/index.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { accessDiscussion, type AccessDeps } from '../access.ts';
import { ensureState, memberIds } from '../store.ts';
import { people } from './create-discussion.ts';

type MemberDeps = AccessDeps & Pick<Deps, 'bus'>;

/** Only a group discussion has members to change, and only its owner changes them. */
async function ownGroup(deps: MemberDeps, tx: Parameters<Parameters<Deps['db']['tx']>[0]>[0], actor: UserActor, id: string) {
  const d = await accessDiscussion(deps, actor, id, tx, true);
  if (d.kind !== 'group') throw invalid('id', 'Only a group discussion has members to change');
  return d;
}

export async function addMembers(deps: MemberDeps, actor: UserActor, id: string, userIds: string[]) {
  return deps.db.tx(async (tx) => {
    const d = await ownGroup(deps, tx, actor, id);
    if (d.created_by !== actor.userId) throw new AppError('FORBIDDEN', 'Only the discussion’s creator adds members');
    const add = await people(tx, actor, userIds, 'userIds');
    await tx.query(`insert into discussion_members (discussion_id, user_id) select $1, u from unnest($2::uuid[]) u on conflict do nothing`, [d.id, add]);
    await ensureState(tx, d.id, add);
    await deps.bus.emit(tx, { orgId: actor.orgId, type: 'discussion.updated', payload: { discussionId: d.id }, userIds: await memberIds(tx, d.id) });
    return d;
  });
}

/**
 * Removes a member (the creator) or leaves (oneself). The removed person gets one last
 * `discussion.removed` and nothing of the discussion after it: every later event goes to the
 * members as they are then.
 */
export async function removeMember(deps: MemberDeps, actor: UserActor, id: string, userId: string) {
  return deps.db.tx(async (tx) => {
    const d = await ownGroup(deps, tx, actor, id);
    if (userId !== actor.userId && d.created_by !== actor.userId) throw new AppError('FORBIDDEN', 'Only the discussion’s creator removes members; anyone may leave');
    const r = await tx.query('delete from discussion_members where discussion_id = $1 and user_id = $2', [d.id, userId]);
    if (!r.rowCount) throw invalid('userId', 'Not a member of this discussion');
    await tx.query('delete from discussion_states where discussion_id = $1 and user_id = $2', [d.id, userId]);
    await deps.bus.emit(tx, { orgId: actor.orgId, type: 'discussion.removed', payload: { discussionId: d.id }, userIds: [userId] });
    await deps.bus.emit(tx, { orgId: actor.orgId, type: 'discussion.updated', payload: { discussionId: d.id }, userIds: await memberIds(tx, d.id) });
    return { ok: true as const };
  });
}
