import type { Deps } from '../../../deps.ts';
import type { Queryable } from '../../../platform/db/index.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { accessEntries } from '../access.ts';
import { roleFolder } from '../folders-store.ts';

/** The Trash for each folder: an external account's own Trash for its folders, else the person's. */
async function trashesOf(tx: Queryable, userId: string, folderIds: string[]) {
  const own = await roleFolder(tx, userId, 'trash');
  const { rows } = await tx.query<{ id: string; trash: string | null }>(
    `select f.id, t.id as trash from mail_folders f
       left join mail_folders t on t.account_id = f.account_id and t.user_id = f.user_id and t.account_role = 'trash'
      where f.id = any($1::uuid[]) and f.account_id is not null`,
    [folderIds],
  );
  const byFolder = new Map(rows.map((r) => [r.id, r.trash]));
  // an account without a Trash deletes at once (null)
  return (folderId: string) => (byFolder.has(folderId) ? byFolder.get(folderId)! : own);
}

/** Deletes to Trash; what is already in Trash is deleted for good (for this person only). */
export async function deleteEntries(deps: Pick<Deps, 'db' | 'bus'>, actor: UserActor, entryIds: string[]) {
  await deps.db.tx(async (tx) => {
    const entries = await accessEntries(tx, actor, entryIds);
    const trashOf = await trashesOf(tx, actor.userId, [...new Set(entries.map((e) => e.folder_id))]);
    const gone = entries.filter((e) => trashOf(e.folder_id) === null || e.folder_id === trashOf(e.folder_id)).map((e) => e.id);
    if (gone.length) await tx.query('delete from mail_entries where id = any($1::bigint[])', [gone]);
    const folderIds = new Set(entries.map((e) => e.folder_id));
    for (const e of entries) {
      const trash = trashOf(e.folder_id);
      if (trash === null || trash === e.folder_id) continue;
      await tx.query(`update mail_entries set trashed_from = folder_id, trashed_at = now(), folder_id = $2 where id = $1`, [e.id, trash]);
      folderIds.add(trash);
    }
    await deps.bus.emit(tx, { orgId: actor.orgId, type: 'mail.changed', payload: { folderIds: [...folderIds] }, userIds: [actor.userId] });
  });
}
