import type { ObjectRef } from '@mailroom/contract';
import type { Deps } from '../../../deps.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { accessObject, presentObject } from '../../objects/index.ts';
import { accessEntry } from '../access.ts';

type LinkDeps = Pick<Deps, 'db' | 'config' | 'fetch' | 'now' | 'log'>;

/** Ties the message of one of my entries to a business object I may see (once). */
export async function linkObject(deps: LinkDeps, actor: UserActor, entryId: string, ref: ObjectRef) {
  const e = await accessEntry(deps.db, actor, entryId);
  const obj = await accessObject(deps, actor, ref);
  await deps.db.query('insert into mail_object_links (message_id, object_id, linked_by) values ($1, $2, $3) on conflict do nothing', [e.message_id, obj.id, actor.userId]);
  return linksOf(deps, actor, entryId);
}

export async function unlinkObject(deps: LinkDeps, actor: UserActor, entryId: string, ref: ObjectRef) {
  const e = await accessEntry(deps.db, actor, entryId);
  const obj = await accessObject(deps, actor, ref);
  await deps.db.query('delete from mail_object_links where message_id = $1 and object_id = $2', [e.message_id, obj.id]);
  return linksOf(deps, actor, entryId);
}

/** The objects a message of mine is tied to, of those I may see. */
export async function linksOf(deps: LinkDeps, actor: UserActor, entryId: string) {
  const e = await accessEntry(deps.db, actor, entryId);
  const { rows } = await deps.db.query<{ type: string; external_id: string }>(
    'select o.type, o.external_id from mail_object_links l join objects o on o.id = l.object_id where l.message_id = $1 order by l.linked_at, o.id',
    [e.message_id],
  );
  const items = [];
  for (const r of rows) {
    const obj = await accessObject(deps, actor, { type: r.type, id: r.external_id }).catch(() => null);
    if (obj) items.push(presentObject(obj));
  }
  return { items };
}
