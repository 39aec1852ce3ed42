import type { Queryable } from '../../platform/db/index.ts';

export type FolderRole = 'inbox' | 'sent' | 'drafts' | 'trash' | 'archive';
export const SYSTEM_FOLDERS: { role: FolderRole; name: string }[] = [
  { role: 'inbox', name: 'Inbox' },
  { role: 'sent', name: 'Sent' },
  { role: 'drafts', name: 'Drafts' },
  { role: 'trash', name: 'Trash' },
  { role: 'archive', name: 'Archive' },
];

export interface FolderRow { id: string; user_id: string; parent_id: string | null; role: FolderRole | null; name: string; account_id: string | null; account_role: string | null }
const COLS = 'id, user_id, parent_id, role, name, account_id, account_role';

/** Every person has the five system folders; they are made on first need, for many people at once. */
export async function ensureSystemFolders(q: Queryable, userIds: string[]) {
  if (!userIds.length) return;
  await q.query(
    `insert into mail_folders (user_id, role, name)
     select u, f.role, f.name from unnest($1::uuid[]) as u, unnest($2::text[], $3::text[]) as f(role, name)
     on conflict (user_id, role) where role is not null do nothing`,
    [userIds, SYSTEM_FOLDERS.map((f) => f.role), SYSTEM_FOLDERS.map((f) => f.name)],
  );
}

/** The folder of a role for each of the given people. */
export async function roleFolders(q: Queryable, userIds: string[], role: FolderRole) {
  await ensureSystemFolders(q, userIds);
  const { rows } = await q.query<{ id: string; user_id: string }>('select id, user_id from mail_folders where user_id = any($1::uuid[]) and role = $2', [userIds, role]);
  return new Map(rows.map((r) => [r.user_id, r.id]));
}

export async function roleFolder(q: Queryable, userId: string, role: FolderRole) {
  return (await roleFolders(q, [userId], role)).get(userId)!;
}

export async function folderById(q: Queryable, id: string) {
  const { rows } = await q.query<FolderRow>(`select ${COLS} from mail_folders where id = $1`, [id]);
  return rows[0] ?? null;
}

export async function foldersWithCounts(q: Queryable, userId: string) {
  await ensureSystemFolders(q, [userId]);
  const { rows } = await q.query<FolderRow & { unread: number; total: number; awaiting_read: number }>(
    `select f.id, f.user_id, f.parent_id, f.role, f.name, f.account_id, f.account_role,
            count(e.id) filter (where not e.seen)::int as unread,
            count(e.id)::int as total,
            count(e.id) filter (where e.awaiting > 0)::int as awaiting_read
       from mail_folders f left join mail_entries e on e.folder_id = f.id
      where f.user_id = $1
      group by f.id
      order by f.role is null, array_position(array['inbox','drafts','sent','archive','trash'], f.role), lower(f.name), f.id`,
    [userId],
  );
  return rows;
}
