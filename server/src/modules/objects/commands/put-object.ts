import type { PutObject } from '@mailroom/contract';
import type { Deps } from '../../../deps.ts';
import { invalid } from '../../../platform/errors/index.ts';
import type { Actor } from '../../../platform/http/actor.ts';
import { cacheFor } from '../access.ts';
import { presentObject } from '../present.ts';
import { foreignIds, listRecipients, lockObject, objectByRef, replaceGrants, upsertObject } from '../store.ts';

/**
 * A host application registers or updates a business object and who may see it. People who
 * gain access get object.updated; people who lose it get object.removed.
 */
export async function putObject(deps: Pick<Deps, 'db' | 'bus'>, actor: Actor, type: string, externalId: string, input: PutObject) {
  const obj = await deps.db.tx(async (tx) => {
    const a = input.access;
    if (a.mode === 'list') {
      for (const [field, table, ids] of [['userIds', 'users', a.userIds], ['groupIds', 'groups', a.groupIds], ['departmentIds', 'departments', a.departmentIds]] as const) {
        const bad = await foreignIds(tx, actor.orgId, table, [...new Set(ids)]);
        if (bad.length) throw invalid(`access.${field}.${ids.indexOf(bad[0])}`, `Unknown id ${bad[0]}`);
      }
    }
    await lockObject(tx, actor.orgId, type, externalId);
    const before = await objectByRef(tx, actor.orgId, type, externalId);
    const hadAccess = before?.access_mode === 'list' ? await listRecipients(tx, before.id) : [];
    const row = await upsertObject(tx, {
      orgId: actor.orgId, type, externalId, title: input.title, url: input.url ?? null,
      mode: a.mode, callbackUrl: a.mode === 'callback' ? a.url : null,
    });
    await replaceGrants(tx, row.id, a.mode === 'list'
      ? [{ kind: 'user', ids: a.userIds }, { kind: 'group', ids: a.groupIds }, { kind: 'department', ids: a.departmentIds }]
      : []);
    const hasAccess = a.mode === 'list' ? await listRecipients(tx, row.id) : [];
    const now = new Set(hasAccess);
    await deps.bus.emit(tx, { orgId: actor.orgId, type: 'object.updated', payload: { object: presentObject(row) }, userIds: hasAccess });
    await deps.bus.emit(tx, { orgId: actor.orgId, type: 'object.removed', payload: { type, externalId }, userIds: hadAccess.filter((u) => !now.has(u)) });
    return row;
  });
  cacheFor(deps).forgetObject(obj.id);
  return obj;
}
