import type { Deps } from '../../../deps.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { accessDiscussion, audienceOf, type AccessDeps } from '../access.ts';
import { ensureState } from '../store.ts';

/**
 * Moves the caller's read marker forward (never back, never past the newest message); the
 * audience gets `discussion.read` so others see how far each person has read.
 */
export async function markRead(deps: AccessDeps & Pick<Deps, 'bus'>, actor: UserActor, discussionId: string, seq: number) {
  return deps.db.tx(async (tx) => {
    const d = await accessDiscussion(deps, actor, discussionId, tx);
    await ensureState(tx, d.id, [actor.userId]);
    const { rows } = await tx.query<{ read_seq: string }>(
      `update discussion_states set read_seq = greatest(read_seq, least($3::bigint, $4::bigint)) where discussion_id = $1 and user_id = $2
         and read_seq < least($3::bigint, $4::bigint) returning read_seq::text`,
      [d.id, actor.userId, seq, d.last_seq],
    );
    if (rows[0])
      await deps.bus.emit(tx, { orgId: actor.orgId, type: 'discussion.read', payload: { discussionId: d.id, userId: actor.userId, seq: Number(rows[0].read_seq) }, userIds: [...(await audienceOf(deps, tx, d)), actor.userId] });
    if (rows[0]) return { readSeq: Number(rows[0].read_seq) };
    const now = await tx.query<{ read_seq: string }>('select read_seq::text from discussion_states where discussion_id = $1 and user_id = $2', [d.id, actor.userId]);
    return { readSeq: Number(now.rows[0].read_seq) };
  });
}
