import type { Deps } from '../../../deps.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { accessDiscussion, audienceOf, type AccessDeps } from '../access.ts';

/** "Someone is typing": a passing signal to the others who see the discussion (not stored). */
export async function typing(deps: AccessDeps & Pick<Deps, 'bus'>, actor: UserActor, discussionId: string) {
  const d = await accessDiscussion(deps, actor, discussionId);
  const { rows } = await deps.db.query<{ name: string }>('select name from users where id = $1', [actor.userId]);
  const to = (await audienceOf(deps, deps.db, d)).filter((id) => id !== actor.userId);
  await deps.bus.signal({ orgId: actor.orgId, type: 'discussion.typing', payload: { discussionId: d.id, userId: actor.userId, name: rows[0]?.name ?? '' }, userIds: to });
  return { ok: true as const };
}
