import type { Deps } from '../../../deps.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { accessObject } from '../../objects/index.ts';
import type { AccessDeps } from '../access.ts';
import { discussionById, ensureState } from '../store.ts';

/**
 * The contextual discussion of a business object: exactly one per object, made on first use by
 * anyone who may see the object; opening it puts it in the person's list.
 */
export async function openObjectDiscussion(deps: AccessDeps & Pick<Deps, 'bus'>, actor: UserActor, ref: { type: string; id: string }) {
  return deps.db.tx(async (tx) => {
    const obj = await accessObject(deps, actor, ref, tx);
    await tx.query(`insert into discussions (org_id, kind, object_id, created_by) values ($1, 'object', $2, $3) on conflict (object_id) where object_id is not null do nothing`, [
      actor.orgId, obj.id, actor.userId,
    ]);
    const { rows } = await tx.query<{ id: string }>('select id from discussions where object_id = $1', [obj.id]);
    await ensureState(tx, rows[0].id, [actor.userId]);
    return (await discussionById(tx, actor.orgId, rows[0].id))!;
  });
}
