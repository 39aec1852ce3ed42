import type { Deps } from '../../../deps.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { accessEntries } from '../access.ts';
import { roleFolder } from '../folders-store.ts';

/** Deletes to Trash; what is already in Trash is deleted for good (for this person only). */
export async function deleteEntries(deps: Pick<Deps, 'db' | 'bus'>, actor: UserActor, entryIds: string[]) {
  await deps.db.tx(async (tx) => {
    const entries = await accessEntries(tx, actor, entryIds);
    const trash = await roleFolder(tx, actor.userId, 'trash');
    const gone = entries.filter((e) => e.folder_id === trash).map((e) => e.id);
    const moved = entries.filter((e) => e.folder_id !== trash).map((e) => e.id);
    if (gone.length) await tx.query('delete from mail_entries where id = any($1::bigint[])', [gone]);
    if (moved.length)
      await tx.query(`update mail_entries set trashed_from = folder_id, trashed_at = now(), folder_id = $2 where id = any($1::bigint[])`, [moved, trash]);
    const folderIds = [...new Set([trash, ...entries.map((e) => e.folder_id)])];
    await deps.bus.emit(tx, { orgId: actor.orgId, type: 'mail.changed', payload: { folderIds }, userIds: [actor.userId] });
  });
}
