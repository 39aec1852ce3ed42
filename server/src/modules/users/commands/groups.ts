import type { Deps } from '../../../deps.ts';
import { invalid } from '../../../platform/errors/index.ts';
import type { Actor } from '../../../platform/http/actor.ts';
import type { Tx } from '../../../platform/db/index.ts';
import { accessGroup } from '../access.ts';
import { groupById, setGroupMembers, type GroupRow } from '../org-store.ts';
import { presentGroup } from '../present.ts';
import { existingUserIds } from '../store.ts';

async function checkMembers(tx: Tx, orgId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  const found = new Set(await existingUserIds(tx, orgId, unique));
  const missing = unique.findIndex((id) => !found.has(id));
  if (missing >= 0) throw invalid(`memberIds.${ids.indexOf(unique[missing])}`, 'No such user');
  return unique;
}

async function announce(deps: Pick<Deps, 'bus'>, tx: Tx, group: GroupRow, alsoTell: string[] = []) {
  await deps.bus.emit(tx, { orgId: group.org_id, type: 'group.updated', payload: { group: presentGroup(group) }, userIds: [...group.member_ids, ...alsoTell] });
}

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

export async function deleteGroup(deps: Pick<Deps, 'db'>, actor: Actor, id: string) {
  await deps.db.tx(async (tx) => {
    await accessGroup(tx, actor, id);
    await tx.query(`delete from object_grants where principal_kind = 'group' and principal_id = $1`, [id]);
    await tx.query('delete from groups where id = $1', [id]);
  });
}
