import type { Deps } from '../../../deps.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { deleteSession } from '../store.ts';

/** Ends this session; its open sockets close too. */
export async function logout(deps: Pick<Deps, 'db' | 'bus'>, actor: UserActor) {
  if (!actor.sessionId) return;
  await deps.db.tx(async (tx) => {
    await deleteSession(tx, actor.sessionId!);
    await deps.bus.emit(tx, { orgId: actor.orgId, type: 'auth.revoked', payload: { sessionId: actor.sessionId!, exceptSessionId: null }, userIds: [actor.userId] });
  });
}
