import type { UserActor } from '../../../platform/http/actor.ts';
import { AppError } from '../../../platform/errors/index.ts';
import { storeExternal } from '../../mail/index.ts';
import { fetchPrepared } from '../sync/fetch-prepared.ts';
import { ensureTop } from '../sync/folders.ts';
import { inFolder, withRemote, type LightDeps } from './session.ts';

/**
 * Light mode: copies chosen server messages into the person's mailbox, under the account's top
 * folder (raw kept, parsed, indexed) so they can be searched and linked to business objects.
 * A message imported before (same Message-ID from this account) is not imported twice.
 */
export function importRemote(deps: LightDeps, actor: UserActor, accountId: string, folder: string, uids: number[]) {
  return withRemote(deps, actor, accountId, (client, account) =>
    inFolder(client, folder, async () => {
      const prepared = (await fetchPrepared(deps, client, uids)).sort((a, b) => a.uid - b.uid);
      if (!prepared.length) throw new AppError('NOT_FOUND', 'None of these messages is in this folder on the server any more.');
      return deps.db.tx(async (tx) => {
        const top = await ensureTop(tx, { ...account, user_id: actor.userId });
        const entryIds: string[] = [];
        for (const p of prepared) {
          if (p.parsed.messageIdHeader) {
            const { rows } = await tx.query<{ id: string }>(
              `select e.id::text from mail_entries e join mail_messages m on m.id = e.message_id
                where e.user_id = $1 and m.account_id = $2 and m.header_message_id = $3 limit 1`,
              [actor.userId, account.id, p.parsed.messageIdHeader],
            );
            if (rows[0]) {
              entryIds.push(rows[0].id);
              continue;
            }
          }
          const { entryId } = await storeExternal(deps, tx, {
            orgId: account.org_id, accountId: account.id, userId: actor.userId, folderId: top,
            rawSha256: p.sha256, rawPack: p.rawPack, parsed: p.parsed, seen: p.flags.has('\\Seen'), flagged: false, deliveredAt: p.date, searchDoc: p.searchDoc,
          });
          entryIds.push(entryId);
        }
        await deps.bus.emit(tx, { orgId: account.org_id, type: 'mail.changed', payload: { folderIds: [top] }, userIds: [actor.userId] });
        return { entryIds };
      });
    }),
  );
}
