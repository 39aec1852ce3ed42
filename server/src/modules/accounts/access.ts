import type { UserActor } from '../../platform/http/actor.ts';
import type { Queryable } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors/index.ts';
import { accountById, type AccountRow } from './store.ts';

/**
 * An account the person may use: their own, or a shared one they are responsible for. Managing
 * (changing, removing) is for the owner of a personal account and for the organisation's
 * administrators for a shared one; operating it (reconnect, check) for both. Anything else is
 * NOT_FOUND.
 */
export async function accessAccount(q: Queryable, actor: UserActor, id: string, purpose: 'use' | 'manage' | 'operate' = 'use') {
  const a = await accountById(q, id);
  if (!a || a.org_id !== actor.orgId) throw notFound();
  if (a.user_id === actor.userId) return a;
  if (a.user_id !== null) throw notFound();
  if (purpose !== 'use' && actor.role === 'administrator') return a;
  if (purpose === 'manage') throw notFound();
  const { rows } = await q.query('select 1 from mail_account_users where account_id = $1 and user_id = $2', [id, actor.userId]);
  if (!rows.length) throw notFound();
  return a;
}

/** Whose mailboxes an account fills: its owner, or each person responsible for a shared one. */
export async function mirrorOwners(q: Queryable, a: Pick<AccountRow, 'id' | 'user_id'>): Promise<string[]> {
  if (a.user_id) return [a.user_id];
  const { rows } = await q.query<{ user_id: string }>('select user_id from mail_account_users where account_id = $1 order by user_id', [a.id]);
  return rows.map((r) => r.user_id);
}
