import type { Deps } from '../../../deps.ts';
import { AppError, invalid } from '../../../platform/errors/index.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { accessDiscussion, audienceOf, type AccessDeps } from '../access.ts';
import { discussionById, ensureState } from '../store.ts';

/**
 * Renames a discussion (marked edited; a group by its creator, a contextual one by anyone who sees
 * it; a direct dialog has no title) and sets the caller's own pin and mute.
 */
export async function updateDiscussion(deps: AccessDeps & Pick<Deps, 'bus'>, actor: UserActor, id: string, patch: { title?: string; pinned?: boolean; muted?: boolean }) {
  return deps.db.tx(async (tx) => {
    const d = await accessDiscussion(deps, actor, id, tx, true);
    if (patch.title !== undefined && patch.title !== d.title) {
      if (d.kind === 'direct') throw invalid('title', 'A direct dialog has no title');
      if (d.kind === 'group' && d.created_by !== actor.userId) throw new AppError('FORBIDDEN', 'Only the discussion’s creator renames it');
      await tx.query('update discussions set title = $2, title_edited_at = now() where id = $1', [d.id, patch.title]);
      await deps.bus.emit(tx, { orgId: actor.orgId, type: 'discussion.updated', payload: { discussionId: d.id }, userIds: [...(await audienceOf(deps, tx, d)), actor.userId] });
    }
    if (patch.pinned !== undefined || patch.muted !== undefined) {
      await ensureState(tx, d.id, [actor.userId]);
      await tx.query('update discussion_states set pinned = coalesce($3, pinned), muted = coalesce($4, muted) where discussion_id = $1 and user_id = $2', [
        d.id, actor.userId, patch.pinned ?? null, patch.muted ?? null,
      ]);
    }
    return (await discussionById(tx, actor.orgId, d.id))!;
  });
}
