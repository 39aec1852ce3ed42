import type { Deps } from '../../../deps.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { accessEntries, targetFolder } from '../access.ts';

/** Moves the person's entries to one of their folders (moving out of Trash restores them). */
export async function moveEntries(deps: Pick<Deps, 'db' | 'bus'>, actor: UserActor, entryIds: string[], folderId: string) {
  await deps.db.tx(async (tx) => {
    const entries = await accessEntries(tx, actor, entryIds);
    const target = await targetFolder(tx, actor, folderId);
    const intoTrash = target.role === 'trash';
    await tx.query(
      `update mail_entries set folder_id = $2,
              trashed_from = case when $3 then coalesce(trashed_from, folder_id) else null end,
              trashed_at = case when $3 then coalesce(trashed_at, now()) else null end
        where id = any($1::bigint[])`,
      [entries.map((e) => e.id), target.id, intoTrash],
    );
    const folderIds = [...new Set([target.id, ...entries.map((e) => e.folder_id)])];
    await deps.bus.emit(tx, { orgId: actor.orgId, type: 'mail.changed', payload: { folderIds }, userIds: [actor.userId] });
  });
}
