import type { Deps } from '../../../deps.ts';
import type { Actor } from '../../../platform/http/actor.ts';
import { accessGroup } from '../access.ts';

/** Deletes a group and the object grants made to it. */
export async function deleteGroup(deps: Pick<Deps, 'db'>, actor: Actor, id: string) {
  await deps.db.tx(async (tx) => {
    await accessGroup(tx, actor, id);
    await tx.query(`delete from object_grants where principal_kind = 'group' and principal_id = $1`, [id]);
    await tx.query('delete from groups where id = $1', [id]);
  });
}
