import type { Deps } from '../../../deps.ts';
import { invalid } from '../../../platform/errors/index.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { accessFolder, targetFolder } from '../access.ts';
import { folderById } from '../folders-store.ts';

/** Renames or moves one's own folder; system folders keep their name and place. */
export async function updateFolder(deps: Pick<Deps, 'db'>, actor: UserActor, id: string, patch: { name?: string; parentId?: string | null }) {
  return deps.db.tx(async (tx) => {
    const f = await accessFolder(tx, actor, id);
    if (f.role) throw invalid(patch.name ? 'name' : 'parentId', 'System folders cannot be renamed or moved');
    if (patch.parentId) {
      await targetFolder(tx, actor, patch.parentId, 'parentId');
      const { rows } = await tx.query<{ id: string }>(
        `with recursive up as (select id, parent_id from mail_folders where id = $1 union select f.id, f.parent_id from mail_folders f join up on f.id = up.parent_id) select id from up`,
        [patch.parentId],
      );
      if (rows.some((r) => r.id === id)) throw invalid('parentId', 'A folder cannot be placed inside itself');
    }
    await tx.query(`update mail_folders set name = coalesce($2, name), parent_id = case when $3 then $4::uuid else parent_id end where id = $1`, [
      id, patch.name ?? null, patch.parentId !== undefined, patch.parentId ?? null,
    ]);
    return (await folderById(tx, id))!;
  });
}
