import type { ImapFlow } from 'imapflow';
import type { Deps } from '../../../deps.ts';
import type { AccountRow } from '../store.ts';

interface Change { id: string; entry_id: string; kind: string; folder_id: string | null; uid: string | null }
interface Current { folder_id: string; seen: boolean; flagged: boolean; mfolder: string; muid: string; aseen: boolean; aflagged: boolean; mpath: string | null; tpath: string | null }

/**
 * Tells the server what changed in Mailroom since the last pass: flags, moves between the
 * account's folders (the new UID taken from COPYUID), deletions. Each entry is brought to its
 * current state, so several changes to one entry cost one round.
 */
export async function pushChanges(deps: Pick<Deps, 'db'>, account: AccountRow, client: ImapFlow) {
  const { rows: changes } = await deps.db.query<Change>(
    // ordered by the number, not by its text (the select gives the id as text)
    'select id::text, entry_id::text, kind, folder_id, uid::text from mail_remote_changes c where account_id = $1 order by c.id limit 5000',
    [account.id],
  );
  if (!changes.length) return 0;
  const first = new Map<string, Change>();
  for (const c of changes) if (!first.has(c.entry_id)) first.set(c.entry_id, c);
  for (const [entryId, c] of first) {
    const { rows } = await deps.db.query<Current>(
      `select e.folder_id, e.seen, e.flagged, m.folder_id as mfolder, m.uid::text as muid, m.seen as aseen, m.flagged as aflagged,
              src.path as mpath, dst.path as tpath
         from mail_entries e join mail_remote_messages m on m.entry_id = e.id
         left join mail_remote_folders src on src.folder_id = m.folder_id
         left join mail_remote_folders dst on dst.folder_id = e.folder_id and dst.account_id = m.account_id
        where e.id = $1`,
      [entryId],
    );
    const cur = rows[0];
    if (!cur) {
      // an entry that still exists but lost its link (taken out of the account) is not a deletion
      const still = await deps.db.query('select 1 from mail_entries where id = $1', [entryId]);
      if (still.rows.length) continue;
      // deleted in Mailroom: delete on the server (flag \Deleted and expunge that UID only)
      const path = c.folder_id ? (await deps.db.query<{ path: string }>('select path from mail_remote_folders where folder_id = $1', [c.folder_id])).rows[0]?.path : null;
      if (path && c.uid) await inFolder(client, path, () => client.messageDelete(c.uid!, { uid: true }));
      continue;
    }
    if (!cur.mpath) continue;
    let path = cur.mpath;
    let uid = cur.muid;
    if (cur.folder_id !== cur.mfolder) {
      if (!cur.tpath) {
        // taken out of the account into a Mailroom folder: it stays on the server, unlinked
        await deps.db.query('delete from mail_remote_messages where entry_id = $1', [entryId]);
        continue;
      }
      const moved = await inFolder(client, path, () => client.messageMove(uid, cur.tpath!, { uid: true }));
      // imapflow answers false instead of throwing when the command failed: keep the change for the next pass
      if (moved === false) throw new Error(`the server did not move UID ${uid} from ${path} to ${cur.tpath}`);
      const newUid = moved && typeof moved === 'object' && 'uidMap' in moved ? moved.uidMap?.get(Number(uid)) : undefined;
      if (!newUid) {
        // the server gave no new UID (no UIDPLUS): forget the link; the next pass finds the message in its new folder
        await deps.db.query('delete from mail_remote_messages where entry_id = $1', [entryId]);
        continue;
      }
      await deps.db.query('update mail_remote_messages set folder_id = $2, uid = $3 where entry_id = $1', [entryId, cur.folder_id, newUid]);
      path = cur.tpath;
      uid = String(newUid);
    }
    const add: string[] = [];
    const remove: string[] = [];
    if (cur.seen !== cur.aseen) (cur.seen ? add : remove).push('\\Seen');
    if (cur.flagged !== cur.aflagged) (cur.flagged ? add : remove).push('\\Flagged');
    if (add.length || remove.length) {
      await inFolder(client, path, async () => {
        if (add.length) await client.messageFlagsAdd(uid, add, { uid: true });
        if (remove.length) await client.messageFlagsRemove(uid, remove, { uid: true });
      });
      await deps.db.query('update mail_remote_messages set seen = $2, flagged = $3 where entry_id = $1', [entryId, cur.seen, cur.flagged]);
    }
  }
  await deps.db.query('delete from mail_remote_changes where account_id = $1 and id <= $2', [account.id, changes[changes.length - 1].id]);
  return first.size;
}

async function inFolder<T>(client: ImapFlow, path: string, fn: () => Promise<T>): Promise<T> {
  const lock = await client.getMailboxLock(path);
  try {
    return await fn();
  } finally {
    lock.release();
  }
}
