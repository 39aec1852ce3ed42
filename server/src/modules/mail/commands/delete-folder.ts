import type { Deps } from '../../../deps.ts';
import { invalid } from '../../../platform/errors/index.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { accessFolder } from '../access.ts';
import { roleFolder } from '../folders-store.ts';

/** Deletes one's own folder and its sub-folders; the mail in them goes to Trash, nothing is lost. */
export async function deleteFolder(deps: Pick<Deps, 'db' | 'bus'>, actor: UserActor, id: string) {
  await deps.db.tx(async (tx) => {
    const f = await accessFolder(tx, actor, id);
    if (f.role) throw invalid('id', 'System folders cannot be deleted');
    const trash = await roleFolder(tx, actor.userId, 'trash');
    await tx.query(
      `with recursive down as (select id from mail_folders where id = $1 union select f.id from mail_folders f join down on f.parent_id = down.id)
       update mail_entries set trashed_from = null, trashed_at = now(), folder_id = $2 where folder_id in (select id from down)`,
      [id, trash],
    );
    await tx.query('delete from mail_folders where id = $1', [id]);
    await deps.bus.emit(tx, { orgId: actor.orgId, type: 'mail.changed', payload: { folderIds: [trash, id] }, userIds: [actor.userId] });
  });
}
