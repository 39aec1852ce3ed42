import { randomUUID } from 'node:crypto';
import type { Deps } from '../../../deps.ts';
import type { Queryable } from '../../../platform/db/index.ts';
import { withImap } from '../../../protocols/imap-client/open.ts';
import { classify } from '../../../protocols/problems.ts';
import { incomingOptions, renewAccessToken } from '../credentials.ts';
import { mirrorOwners } from '../access.ts';
import { accountById, setStatus } from '../store.ts';
import { imapPass } from './imap-pass.ts';
import { pop3Pass } from './pop3-pass.ts';

type RunDeps = Pick<Deps, 'db' | 'blobs' | 'bus' | 'config' | 'sealer' | 'mailCa' | 'log' | 'now' | 'fetch'>;
const LEASE_SECONDS = 120;

/** Asks for a pass over the account (one job is queued unless one already waits). */
export async function requestSync(q: Queryable, accountId: string) {
  await q.query('select mail_request_sync($1)', [accountId]);
}

/**
 * Runs passes over one account while someone keeps asking: one synchroniser per account at a
 * time (a lease on the account row, renewed while it works). A failure is recorded on the
 * account with its reason; the periodic scheduler or "Reconnect" asks again.
 */
export async function syncAccount(deps: RunDeps, accountId: string, workerId: string) {
  // the holder is this run, not the process: one process runs several jobs at once
  const holder = `${workerId}:${randomUUID()}`;
  const { rows } = await deps.db.query<{ sync_wanted: Date | null }>(
    `update mail_accounts set sync_by = $2, sync_until = now() + make_interval(secs => $3)
      where id = $1 and mode = 'full' and status <> 'disabled' and (sync_until is null or sync_until < now())
      returning sync_wanted`,
    [accountId, holder, LEASE_SECONDS],
  );
  // Another process holds the account: it looks at sync_wanted again before it lets go and asks
  // for one more pass if this request came meanwhile; a holder that died loses its lease and the
  // periodic scheduler asks again.
  if (!rows.length) return;
  const renew = setInterval(
    () => void deps.db.query('update mail_accounts set sync_until = now() + make_interval(secs => $3) where id = $1 and sync_by = $2', [accountId, holder, LEASE_SECONDS]).catch(() => {}),
    (LEASE_SECONDS * 1000) / 3,
  );
  try {
    for (let round = 0; round < 5; round++) {
      const wanted = (await deps.db.query<{ w: string | null }>('select sync_wanted::text as w from mail_accounts where id = $1', [accountId])).rows[0]?.w ?? null;
      const account = await accountById(deps.db, accountId);
      if (!account) return;
      const owners = await mirrorOwners(deps.db, account);
      if (!owners.length) return;
      await setStatus(deps, accountId, { status: 'syncing' });
      await deps.db.query('update mail_accounts set last_try_at = now() where id = $1', [accountId]);
      const pass = async () => {
        if (account.protocol === 'imap') {
          // a shared account fills each responsible person's mailbox; the server is read once per mailbox
          await withImap(await incomingOptions(deps, account), async (client) => {
            for (const userId of owners) await imapPass(deps, { ...account, user_id: userId }, client);
          });
        } else {
          await pop3Pass(deps, account);
        }
      };
      try {
        await pass().catch(async (err) => {
          // an OAuth2 access token refused before its time: renewed once and tried again (a
          // refresh the provider refuses says OAUTH_REVOKED, not "check the password")
          if (account.auth !== 'oauth2' || classify(err, account.in_security).problem !== 'AUTH_FAILED') throw err;
          await renewAccessToken(deps, account);
          await pass();
        });
        await setStatus(deps, accountId, { status: 'ready', synced: true });
      } catch (err) {
        const e = classify(err, account.in_security);
        deps.log.warn({ accountId, problem: e.problem }, 'account sync failed');
        await setStatus(deps, accountId, { status: 'error', problem: e.problem, detail: e.detail });
        // no retry storm: the scheduler or "Reconnect" asks again (a Reconnect pressed during this pass keeps its request)
        await deps.db.query('update mail_accounts set sync_wanted = null where id = $1 and sync_wanted::text is not distinct from $2', [accountId, wanted]);
        return;
      }
      // asked again while we worked? go round once more
      const done = await deps.db.query('update mail_accounts set sync_wanted = null where id = $1 and sync_wanted::text is not distinct from $2', [accountId, wanted]);
      if (done.rowCount) return;
    }
  } finally {
    clearInterval(renew);
    // a request that came between our last look and letting go gets its own pass
    const left = await deps.db
      .query<{ wanted: boolean }>('update mail_accounts set sync_by = null, sync_until = null where id = $1 and sync_by = $2 returning sync_wanted is not null as wanted', [accountId, holder])
      .catch(() => ({ rows: [] as { wanted: boolean }[] }));
    if (left.rows[0]?.wanted) await requestSync(deps.db, accountId).catch(() => {});
  }
}
