import type { Queryable } from '../../platform/db/index.ts';
import type { UserActor } from '../../platform/http/actor.ts';
import { notFound } from '../../platform/errors/index.ts';
import { accessEntry, accessFolder } from './access.ts';
import { entryCursor, parseEntryCursor } from './cursor.ts';
import { attachmentsOf } from './files-store.ts';
import { foldersWithCounts } from './folders-store.ts';
import { presentFolder, presentMessage, presentSummary } from './present.ts';
import { ENTRY_SELECT, type EntryRow } from './store.ts';

export async function listFolders(q: Queryable, actor: UserActor) {
  return { items: (await foldersWithCounts(q, actor.userId)).map(presentFolder) };
}


/** A page of a folder, newest first. */
export async function listEntries(q: Queryable, actor: UserActor, folderId: string, opts: { limit: number; cursor?: string; unread?: 'true' | 'false' }) {
  await accessFolder(q, actor, folderId);
  const params: unknown[] = [folderId, opts.limit + 1];
  let where = 'e.folder_id = $1';
  const after = parseEntryCursor(opts.cursor);
  if (after) {
    params.push(after[0], after[1]);
    where += ` and (e.delivered_at, e.id) < ($3::timestamptz, $4::bigint)`;
  }
  if (opts.unread) where += opts.unread === 'true' ? ' and not e.seen' : ' and e.seen';
  const { rows } = await q.query<EntryRow>(`${ENTRY_SELECT} where ${where} order by e.delivered_at desc, e.id desc limit $2`, params);
  const more = rows.length > opts.limit;
  const items = rows.slice(0, opts.limit);
  return { items: items.map(presentSummary), nextCursor: more ? entryCursor(items[items.length - 1]) : null };
}

/** A full message with its attachments (the one serialiser for REST answers of single messages). */
export async function fullMessage(q: Queryable, e: EntryRow) {
  return presentMessage(e, (await attachmentsOf(q, [e.message_id])).get(e.message_id) ?? []);
}

export async function getMessage(q: Queryable, actor: UserActor, entryId: string) {
  return fullMessage(q, await accessEntry(q, actor, entryId));
}

/** The messages of a thread that this person has, oldest first. */
export async function getThread(q: Queryable, actor: UserActor, entryId: string) {
  const e = await accessEntry(q, actor, entryId);
  const { rows } = await q.query<EntryRow>(
    `select distinct on (m.id) t.* from (${ENTRY_SELECT} where e.user_id = $1 and m.thread_id = $2) t
       join mail_messages m on m.id = t.message_id order by m.id, t.role = 'copy'`,
    [actor.userId, e.thread_id],
  );
  rows.sort((a, b) => new Date(a.sent_at ?? a.delivered_at).getTime() - new Date(b.sent_at ?? b.delivered_at).getTime());
  const files = await attachmentsOf(q, rows.map((r) => r.message_id));
  return { items: rows.map((r) => presentMessage(r, files.get(r.message_id) ?? [])) };
}

/** Delivery and read time per recipient, for the sender's copy only. */
export async function deliveries(q: Queryable, actor: UserActor, entryId: string) {
  const e = await accessEntry(q, actor, entryId);
  if (e.role !== 'sender' || e.is_draft) throw notFound();
  const { rows } = await q.query<{ user_id: string; name: string; role: 'to' | 'cc' | 'bcc'; delivered_at: Date; read_at: Date | null }>(
    `select r.user_id, u.name, r.role, r.delivered_at, r.read_at from mail_entries r join users u on u.id = r.user_id
      where r.message_id = $1 and r.role in ('to', 'cc', 'bcc') order by r.read_at is not null, lower(u.name)`,
    [e.message_id],
  );
  const expansion = (await q.query<{ expansion: { name: string; userIds: string[] }[] }>('select expansion from mail_messages where id = $1', [e.message_id])).rows[0].expansion;
  const named = new Set([...e.to_list, ...e.cc_list, ...e.bcc_list].filter((p) => p.kind === 'user').map((p) => p.id));
  const via = (uid: string) => (named.has(uid) ? null : (expansion.find((x) => x.userIds.includes(uid))?.name ?? null));
  const expired = await q.query<{ user_id: string; name: string; role: 'to' | 'cc' | 'bcc'; delivered_at: Date; expired_at: Date }>(
    `select x.user_id, u.name, x.role, x.delivered_at, x.expired_at from mail_expired x join users u on u.id = x.user_id where x.message_id = $1 order by lower(u.name)`,
    [e.message_id],
  );
  const iso = (d: Date) => new Date(d).toISOString();
  const items = [
    ...rows.map((r) => ({ userId: r.user_id, name: r.name, role: r.role, via: via(r.user_id), deliveredAt: iso(r.delivered_at), readAt: r.read_at ? iso(r.read_at) : null, expiredAt: null })),
    ...expired.rows.map((r) => ({ userId: r.user_id, name: r.name, role: r.role, via: via(r.user_id), deliveredAt: iso(r.delivered_at), readAt: null, expiredAt: iso(r.expired_at) })),
  ];
  return { items, notYetReadBy: items.filter((i) => !i.readAt).map((i) => i.name) };
}
