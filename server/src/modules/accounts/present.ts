import type { Account, AccountProblem } from '@mailroom/contract';
import type { Queryable } from '../../platform/db/index.ts';
import { responsibleFor, type AccountRow } from './store.ts';

/** An account as its users see it: every setting but the secret, which is only said to exist. */
export const presentAccount = (a: AccountRow, responsibleIds: string[] = []): Account => ({
  id: a.id,
  name: a.name,
  email: a.email,
  displayName: a.display_name,
  preset: a.preset,
  protocol: a.protocol,
  incoming: { host: a.in_host, port: a.in_port, security: a.in_security },
  smtp: { host: a.smtp_host, port: a.smtp_port, security: a.smtp_security },
  login: a.login,
  auth: a.auth,
  hasSecret: a.secret !== null,
  mode: a.mode,
  initialCount: a.initial_count,
  leaveOnServerDays: a.leave_on_server_days,
  signatures: a.signatures,
  shared: a.user_id === null,
  responsibleIds: a.user_id === null ? responsibleIds : [],
  status: a.status,
  problem: (a.problem as AccountProblem | null) ?? null,
  detail: a.detail,
  progress: { done: a.progress_done, total: a.progress_total },
  lastSyncAt: a.last_sync_at ? new Date(a.last_sync_at).toISOString() : null,
});

/** Accounts with the people responsible for the shared ones. */
export async function presentAccounts(q: Queryable, rows: AccountRow[]) {
  const shared = rows.filter((a) => a.user_id === null).map((a) => a.id);
  const responsible = shared.length ? await responsibleFor(q, shared) : new Map<string, string[]>();
  return rows.map((a) => presentAccount(a, responsible.get(a.id)));
}

export const presentOne = async (q: Queryable, a: AccountRow) => (await presentAccounts(q, [a]))[0];
