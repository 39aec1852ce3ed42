import type { Deps } from '../../../deps.ts';
import type { Actor } from '../../../platform/http/actor.ts';
import { accessUser } from '../../users/index.ts';

/** An administrator puts a person's mailbox on legal hold (nothing expires or is purged) or lifts it. */
export async function setHold(deps: Pick<Deps, 'db'>, actor: Actor, userId: string, hold: boolean) {
  await accessUser(deps.db, actor, userId);
  if (hold)
    await deps.db.query('insert into mail_holds (user_id, set_by) values ($1, $2) on conflict (user_id) do nothing', [userId, actor.kind === 'user' ? actor.userId : null]);
  else await deps.db.query('delete from mail_holds where user_id = $1', [userId]);
  return { userId, hold };
}

export async function holdOf(deps: Pick<Deps, 'db'>, actor: Actor, userId: string) {
  await accessUser(deps.db, actor, userId);
  const { rows } = await deps.db.query('select 1 from mail_holds where user_id = $1', [userId]);
  return { userId, hold: rows.length > 0 };
}
