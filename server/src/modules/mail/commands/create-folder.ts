import type { Deps } from '../../../deps.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { targetFolder } from '../access.ts';
import { folderById } from '../folders-store.ts';

/** A folder of one's own, at the top or inside another of one's folders. */
export async function createFolder(deps: Pick<Deps, 'db'>, actor: UserActor, input: { name: string; parentId?: string | null }) {
  return deps.db.tx(async (tx) => {
    if (input.parentId) await targetFolder(tx, actor, input.parentId, 'parentId');
    const { rows } = await tx.query<{ id: string }>('insert into mail_folders (user_id, parent_id, name) values ($1, $2, $3) returning id', [actor.userId, input.parentId ?? null, input.name]);
    return (await folderById(tx, rows[0].id))!;
  });
}
