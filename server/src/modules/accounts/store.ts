import type { Deps } from '../../deps.ts';
import type { Queryable } from '../../platform/db/index.ts';

export interface AccountRow {
  id: string;
  org_id: string;
  user_id: string | null;
  name: string;
  email: string;
  display_name: string | null;
  preset: string;
  protocol: 'imap' | 'pop3';
  in_host: string;
  in_port: number;
  in_security: 'tls' | 'starttls' | 'none';
  smtp_host: string;
  smtp_port: number;
  smtp_security: 'tls' | 'starttls' | 'none';
  login: string;
  auth: 'password' | 'oauth2';
  secret: Uint8Array | null;
  mode: 'full' | 'light';
  initial_count: number;
  leave_on_server_days: number | null;
  signatures: Record<string, string>;
  status: 'new' | 'syncing' | 'ready' | 'error' | 'disabled';
  problem: string | null;
  detail: string | null;
  progress_done: number;
  progress_total: number;
  last_sync_at: Date | null;
}

export const ACCOUNT_COLS = `id, org_id, user_id, name, email, display_name, preset, protocol, in_host, in_port, in_security, smtp_host, smtp_port, smtp_security,
  login, auth, secret, mode, initial_count, leave_on_server_days, signatures, status, problem, detail, progress_done, progress_total, last_sync_at`;

/** The people responsible for shared accounts, by account. */
export async function responsibleFor(q: Queryable, accountIds: string[]) {
  const { rows } = await q.query<{ account_id: string; user_id: string }>('select account_id, user_id from mail_account_users where account_id = any($1::uuid[]) order by user_id', [accountIds]);
  const by = new Map<string, string[]>();
  for (const r of rows) by.set(r.account_id, [...(by.get(r.account_id) ?? []), r.user_id]);
  return by;
}

export async function accountById(q: Queryable, id: string) {
  const { rows } = await q.query<AccountRow>(`select ${ACCOUNT_COLS} from mail_accounts where id = $1`, [id]);
  return rows[0] ?? null;
}

/** Accounts a person may use: their own and the shared ones they are responsible for. */
export async function accountsOf(q: Queryable, userId: string) {
  const { rows } = await q.query<AccountRow>(
    `select ${ACCOUNT_COLS} from mail_accounts a
      where a.user_id = $1 or exists (select 1 from mail_account_users u where u.account_id = a.id and u.user_id = $1)
      order by a.created_at, a.id`,
    [userId],
  );
  return rows;
}

/** Records the account's state and tells its owner's clients (event account.changed), in one transaction. */
export async function setStatus(
  deps: Pick<Deps, 'db' | 'bus'>, id: string,
  s: { status: AccountRow['status']; problem?: string | null; detail?: string | null; done?: number; total?: number; synced?: boolean },
) {
  await deps.db.tx(async (tx) => {
    const { rows } = await tx.query<{ org_id: string; user_id: string | null }>(
      `update mail_accounts set status = $2, problem = $3, detail = $4,
              progress_done = coalesce($5, progress_done), progress_total = coalesce($6, progress_total),
              last_sync_at = case when $7 then now() else last_sync_at end
        where id = $1 returning org_id, user_id`,
      [id, s.status, s.problem ?? null, s.detail?.slice(0, 1000) ?? null, s.done ?? null, s.total ?? null, s.synced ?? false],
    );
    const a = rows[0];
    if (!a) return;
    const userIds = a.user_id ? [a.user_id] : (await tx.query<{ user_id: string }>('select user_id from mail_account_users where account_id = $1', [id])).rows.map((r) => r.user_id);
    await deps.bus.emit(tx, { orgId: a.org_id, type: 'account.changed', payload: { accountId: id }, userIds });
  });
}
