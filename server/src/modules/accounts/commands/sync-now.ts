import type { UserActor } from '../../../platform/http/actor.ts';
import { accessAccount } from '../access.ts';
import { accountById } from '../store.ts';
import { requestSync } from '../sync/run.ts';
import { withRemote, type LightDeps } from '../light/session.ts';

/**
 * "Reconnect" / "check mail now": clears a failure and asks for a pass at once. A light account
 * has nothing to synchronise: it connects once, and its state says whether that worked.
 */
export async function syncNow(deps: LightDeps, actor: UserActor, id: string) {
  const a = await accessAccount(deps.db, actor, id, 'operate');
  if (a.mode === 'light' && a.protocol === 'imap') {
    await withRemote(deps, actor, id, async () => {}, 'operate').catch(() => {});
    return (await accountById(deps.db, id))!;
  }
  return deps.db.tx(async (tx) => {
    await accessAccount(tx, actor, id, 'operate');
    await tx.query(`update mail_accounts set status = case when status = 'error' then 'new' else status end where id = $1`, [id]);
    await requestSync(tx, id);
    return (await accountById(tx, id))!;
  });
}
