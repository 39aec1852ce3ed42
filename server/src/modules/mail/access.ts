import type { Queryable } from '../../platform/db/index.ts';
import { invalid, notFound } from '../../platform/errors/index.ts';
import type { UserActor } from '../../platform/http/actor.ts';
import { folderById } from './folders-store.ts';
import { entriesOf, entryById } from './store.ts';

/** A person's own mailbox entry; anyone else's (or none) is NOT_FOUND. */
export async function accessEntry(q: Queryable, actor: UserActor, id: string) {
  const e = await entryById(q, id);
  if (!e || e.user_id !== actor.userId) throw notFound();
  return e;
}

/** Several of the person's entries; one foreign or unknown id fails them all with NOT_FOUND. */
export async function accessEntries(q: Queryable, actor: UserActor, ids: string[]) {
  const unique = [...new Set(ids)];
  const rows = await entriesOf(q, actor.userId, unique);
  if (rows.length !== unique.length) throw notFound();
  return rows;
}

export async function accessFolder(q: Queryable, actor: UserActor, id: string) {
  const f = await folderById(q, id);
  if (!f || f.user_id !== actor.userId) throw notFound();
  return f;
}

/** A target folder named in a body: a foreign one is a bad field, not a missing page. */
export async function targetFolder(q: Queryable, actor: UserActor, id: string, field = 'folderId') {
  const f = await folderById(q, id);
  if (!f || f.user_id !== actor.userId) throw invalid(field, 'No such folder');
  return f;
}
