import type { UserActor } from '../../platform/http/actor.ts';
import type { Queryable } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors/index.ts';
import { accountById } from './store.ts';

/** An account its owner (or a responsible person of a shared one) may use; anything else is NOT_FOUND. */
export async function accessAccount(q: Queryable, actor: UserActor, id: string) {
  const a = await accountById(q, id);
  if (!a || a.org_id !== actor.orgId) throw notFound();
  if (a.user_id === actor.userId) return a;
  const { rows } = await q.query('select 1 from mail_account_users where account_id = $1 and user_id = $2', [id, actor.userId]);
  if (!rows.length) throw notFound();
  return a;
}
