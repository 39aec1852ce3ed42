import type { Deps } from '../../../deps.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { accessAccount } from '../access.ts';
import { accountById } from '../store.ts';
import { requestSync } from '../sync/run.ts';

/** "Reconnect" / "check mail now": clears a failure and asks for a pass at once. */
export async function syncNow(deps: Pick<Deps, 'db'>, actor: UserActor, id: string) {
  return deps.db.tx(async (tx) => {
    await accessAccount(tx, actor, id);
    await tx.query(`update mail_accounts set status = case when status = 'error' then 'new' else status end where id = $1`, [id]);
    await requestSync(tx, id);
    return (await accountById(tx, id))!;
  });
}
