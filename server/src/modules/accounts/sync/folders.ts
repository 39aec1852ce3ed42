import type { ImapFlow, ListResponse } from 'imapflow';
import type { Queryable } from '../../../platform/db/index.ts';
import type { AccountRow } from '../store.ts';

export interface RemoteFolderRow {
  folder_id: string;
  path: string;
  special_use: string | null;
  uidvalidity: string | null;
  top_uid: string;
  backfill_below: string | null;
}

const roleOf = (f: Pick<ListResponse, 'specialUse' | 'path'>) => {
  if (f.path.toUpperCase() === 'INBOX') return 'inbox';
  const m: Record<string, string> = { '\\Sent': 'sent', '\\Trash': 'trash', '\\Drafts': 'drafts', '\\Junk': 'junk', '\\Archive': 'archive' };
  return f.specialUse ? (m[f.specialUse] ?? null) : null;
};

/**
 * Mirrors the server's folder list into the mailbox of `account.user_id` (the owner, or one person
 * responsible for a shared account): one folder per selectable server folder, nested as on the
 * server under a top folder named after the account. Folders gone from the server are removed
 * with their mail. Returns the mirrored folders, INBOX first.
 */
export async function mirrorFolders(tx: Queryable, account: AccountRow, client: ImapFlow): Promise<RemoteFolderRow[]> {
  const userId = account.user_id!;
  const list = (await client.list()).filter((f) => !f.flags.has('\\Noselect') && !f.flags.has('\\NonExistent'));
  const top = await ensureTop(tx, account);
  const { rows: known } = await tx.query<{ folder_id: string; path: string }>(
    'select r.folder_id, r.path from mail_remote_folders r join mail_folders f on f.id = r.folder_id where r.account_id = $1 and f.user_id = $2',
    [account.id, userId],
  );
  const byPath = new Map(known.map((k) => [k.path, k.folder_id]));
  // parents before children, so each child finds its parent's folder
  list.sort((a, b) => a.path.split(a.delimiter || '/').length - b.path.split(b.delimiter || '/').length);
  for (const f of list) {
    if (byPath.has(f.path)) continue;
    const parentPath = f.parentPath || '';
    const parent = (parentPath && byPath.get(parentPath)) || top;
    const { rows } = await tx.query<{ id: string }>(
      `insert into mail_folders (user_id, parent_id, name, account_id, account_role) values ($1, $2, $3, $4, $5) returning id`,
      [userId, parent, f.path.toUpperCase() === 'INBOX' ? 'Inbox' : f.name, account.id, roleOf(f)],
    );
    await tx.query(
      `insert into mail_remote_folders (folder_id, account_id, path, delimiter, special_use) values ($1, $2, $3, $4, $5)`,
      [rows[0].id, account.id, f.path, f.delimiter ?? null, f.specialUse ?? null],
    );
    byPath.set(f.path, rows[0].id);
  }
  const present = new Set(list.map((f) => f.path));
  const gone = known.filter((k) => !present.has(k.path)).map((k) => k.folder_id);
  if (gone.length) {
    await tx.query(`set local mailroom.sync = 'on'`);
    await tx.query('delete from mail_folders where id = any($1::uuid[])', [gone]);
  }
  const { rows } = await tx.query<RemoteFolderRow>(
    `select r.folder_id, r.path, r.special_use, r.uidvalidity::text, r.top_uid::text, r.backfill_below::text
       from mail_remote_folders r join mail_folders f on f.id = r.folder_id
      where r.account_id = $1 and f.user_id = $2 order by upper(r.path) <> 'INBOX', r.path`,
    [account.id, userId],
  );
  return rows;
}

/** The account's own top folder in the tree of the mailbox it fills (named after the account). */
export async function ensureTop(tx: Queryable, account: AccountRow) {
  const { rows } = await tx.query<{ id: string }>(
    `select id from mail_folders where account_id = $1 and user_id = $2 and parent_id is null and account_role = 'account'`,
    [account.id, account.user_id],
  );
  if (rows[0]) return rows[0].id;
  const made = await tx.query<{ id: string }>(
    `insert into mail_folders (user_id, name, account_id, account_role) values ($1, $2, $3, 'account') returning id`,
    [account.user_id, account.name, account.id],
  );
  return made.rows[0].id;
}
