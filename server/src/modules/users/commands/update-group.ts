import type { Deps } from '../../../deps.ts';
import type { Actor } from '../../../platform/http/actor.ts';
import { accessGroup } from '../access.ts';
import { groupById, setGroupMembers } from '../org-store.ts';
import { announce, checkMembers } from './group-members.ts';

/** Renames a group or replaces its members; people removed hear of it once more, then no longer. */
export async function updateGroup(deps: Pick<Deps, 'db' | 'bus'>, actor: Actor, id: string, patch: { name?: string; memberIds?: string[] }) {
  return deps.db.tx(async (tx) => {
    const before = await accessGroup(tx, actor, id);
    if (patch.name) await tx.query('update groups set name = $2 where id = $1', [id, patch.name]);
    if (patch.memberIds) await setGroupMembers(tx, id, await checkMembers(tx, actor.orgId, patch.memberIds));
    const g = (await groupById(tx, id))!;
    await announce(deps, tx, g, before.member_ids);
    return g;
  });
}
