import type { Deps } from '../../../deps.ts';
import { notFound } from '../../../platform/errors/index.ts';
import type { Actor } from '../../../platform/http/actor.ts';
import { cacheFor } from '../access.ts';
import { listRecipients, lockObject, objectByRef } from '../store.ts';

/** The host application deleted the object; everyone who could see it hears of it. */
export async function removeObject(deps: Pick<Deps, 'db' | 'bus'>, actor: Actor, type: string, externalId: string) {
  const id = await deps.db.tx(async (tx) => {
    await lockObject(tx, actor.orgId, type, externalId);
    const obj = await objectByRef(tx, actor.orgId, type, externalId);
    if (!obj) throw notFound();
    const had = obj.access_mode === 'list' ? await listRecipients(tx, obj.id) : [];
    await tx.query('delete from objects where id = $1', [obj.id]);
    await deps.bus.emit(tx, { orgId: actor.orgId, type: 'object.removed', payload: { type, externalId }, userIds: had });
    return obj.id;
  });
  cacheFor(deps).forgetObject(id);
}
