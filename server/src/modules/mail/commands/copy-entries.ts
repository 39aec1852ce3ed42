import type { Deps } from '../../../deps.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { accessEntries, targetFolder } from '../access.ts';
import { insertEntries } from '../store.ts';

/** Copies entries into another folder; the message itself is still stored once. */
export async function copyEntries(deps: Pick<Deps, 'db' | 'bus'>, actor: UserActor, entryIds: string[], folderId: string) {
  return deps.db.tx(async (tx) => {
    const entries = await accessEntries(tx, actor, entryIds);
    const target = await targetFolder(tx, actor, folderId);
    const made: string[] = [];
    for (const e of entries) made.push(...(await insertEntries(tx, e.message_id, [{ userId: actor.userId, folderId: target.id, role: 'copy', seen: e.seen }])).map((r) => r.id));
    // search relies on no entry being newer than its message's `at`: a copy made now is
    await tx.query('update mail_search set at = greatest(at, now()) where message_id = any($1::uuid[])', [entries.map((e) => e.message_id)]);
    await deps.bus.emit(tx, { orgId: actor.orgId, type: 'mail.changed', payload: { folderIds: [target.id] }, userIds: [actor.userId] });
    return made;
  });
}
