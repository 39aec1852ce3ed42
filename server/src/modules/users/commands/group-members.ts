import type { Deps } from '../../../deps.ts';
import { invalid } from '../../../platform/errors/index.ts';
import type { Tx } from '../../../platform/db/index.ts';
import type { GroupRow } from '../org-store.ts';
import { presentGroup } from '../present.ts';
import { existingUserIds } from '../store.ts';

/** Member ids must be the organisation's people; duplicates collapse. */
export async function checkMembers(tx: Tx, orgId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  const found = new Set(await existingUserIds(tx, orgId, unique));
  const missing = unique.findIndex((id) => !found.has(id));
  if (missing >= 0) throw invalid(`memberIds.${ids.indexOf(unique[missing])}`, 'No such user');
  return unique;
}

/** Members (and anyone named in alsoTell) hear of the group's new state. */
export async function announce(deps: Pick<Deps, 'bus'>, tx: Tx, group: GroupRow, alsoTell: string[] = []) {
  await deps.bus.emit(tx, { orgId: group.org_id, type: 'group.updated', payload: { group: presentGroup(group) }, userIds: [...group.member_ids, ...alsoTell] });
}
