import type { Deps } from '../../../deps.ts';
import type { Actor } from '../../../platform/http/actor.ts';
import { groupById, setGroupMembers } from '../org-store.ts';
import { announce, checkMembers } from './group-members.ts';

/** Creates a group with its members; they hear of it. */
export async function createGroup(deps: Pick<Deps, 'db' | 'bus'>, actor: Actor, input: { name: string; memberIds: string[] }) {
  return deps.db.tx(async (tx) => {
    const members = await checkMembers(tx, actor.orgId, input.memberIds);
    const { rows } = await tx.query<{ id: string }>('insert into groups (org_id, name) values ($1, $2) returning id', [actor.orgId, input.name]);
    await setGroupMembers(tx, rows[0].id, members);
    const g = (await groupById(tx, rows[0].id))!;
    await announce(deps, tx, g);
    return g;
  });
}
