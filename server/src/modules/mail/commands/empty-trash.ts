import type { Deps } from '../../../deps.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { roleFolder } from '../folders-store.ts';

/** Deletes everything in the person's Trash for good; returns how many entries went. */
export async function emptyTrash(deps: Pick<Deps, 'db' | 'bus'>, actor: UserActor) {
  return deps.db.tx(async (tx) => {
    const trash = await roleFolder(tx, actor.userId, 'trash');
    const r = await tx.query('delete from mail_entries where folder_id = $1', [trash]);
    await deps.bus.emit(tx, { orgId: actor.orgId, type: 'mail.changed', payload: { folderIds: [trash] }, userIds: [actor.userId] });
    return r.rowCount;
  });
}
