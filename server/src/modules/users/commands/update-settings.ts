import type { UpdateSettings } from '@mailroom/contract';
import type { Deps } from '../../../deps.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { presentUser } from '../present.ts';
import { updateUserRow, userById } from '../store.ts';

/** A person changes their own language, time zone or send key; their other tabs hear of it. */
export async function updateSettings(deps: Pick<Deps, 'db' | 'bus'>, actor: UserActor, patch: UpdateSettings) {
  return deps.db.tx(async (tx) => {
    await updateUserRow(tx, actor.userId, { language: patch.language, timeZone: patch.timeZone, sendKey: patch.sendKey });
    const row = (await userById(tx, actor.userId))!;
    await deps.bus.emit(tx, { orgId: row.org_id, type: 'user.updated', payload: { user: presentUser(row) }, userIds: [row.id] });
    return row;
  });
}
