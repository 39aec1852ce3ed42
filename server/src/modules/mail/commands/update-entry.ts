import type { Deps } from '../../../deps.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { accessEntry } from '../access.ts';
import { entryById, settleAwaiting } from '../store.ts';

/**
 * Marks an entry read/unread or flagged. The first time a recipient reads a message, its read
 * time is kept (marking it unread later does not take it back) and the sender is told.
 */
export async function updateEntry(deps: Pick<Deps, 'db' | 'bus'>, actor: UserActor, id: string, patch: { seen?: boolean; flagged?: boolean }) {
  return deps.db.tx(async (tx) => {
    const e = await accessEntry(tx, actor, id);
    const firstRead = patch.seen === true && e.read_at === null && (e.role === 'to' || e.role === 'cc' || e.role === 'bcc');
    const { rows } = await tx.query<{ read_at: Date | null }>(
      `update mail_entries set seen = coalesce($2, seen), flagged = coalesce($3, flagged),
              read_at = case when $4 then now() else read_at end where id = $1 returning read_at`,
      [id, patch.seen ?? null, patch.flagged ?? null, firstRead],
    );
    if (firstRead) await settleAwaiting(tx, e.message_id);
    if (firstRead && e.sender_id)
      await deps.bus.emit(tx, {
        orgId: actor.orgId, type: 'mail.read',
        payload: { messageId: e.message_id, userId: actor.userId, readAt: new Date(rows[0].read_at!).toISOString() },
        userIds: [e.sender_id!],
      });
    await deps.bus.emit(tx, { orgId: actor.orgId, type: 'mail.changed', payload: { folderIds: [e.folder_id] }, userIds: [actor.userId] });
    return (await entryById(tx, id))!;
  });
}
