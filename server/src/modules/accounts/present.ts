import type { Account, AccountProblem } from '@mailroom/contract';
import type { AccountRow } from './store.ts';

/** An account as its users see it: every setting but the secret, which is only said to exist. */
export const presentAccount = (a: AccountRow): Account => ({
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
  status: a.status,
  problem: (a.problem as AccountProblem | null) ?? null,
  detail: a.detail,
  progress: { done: a.progress_done, total: a.progress_total },
  lastSyncAt: a.last_sync_at ? new Date(a.last_sync_at).toISOString() : null,
});
