import type { ImapFlow } from 'imapflow';
import type { Deps } from '../../../deps.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { AppError } from '../../../platform/errors/index.ts';
import { openImap } from '../../../protocols/imap-client/open.ts';
import { serverFailure } from '../../../protocols/problems.ts';
import { accessAccount } from '../access.ts';
import { incomingOptions } from '../credentials.ts';
import { setStatus, type AccountRow } from '../store.ts';

export type LightDeps = Pick<Deps, 'db' | 'blobs' | 'bus' | 'config' | 'sealer' | 'mailCa' | 'fetch'>;

/**
 * Opens the account's IMAP server for one request of the person's (browsing reads the server on
 * demand: nothing is kept) and logs out afterwards. POP3 has no folders to browse.
 */
export async function withRemote<T>(
  deps: LightDeps, actor: UserActor, accountId: string, fn: (client: ImapFlow, account: AccountRow) => Promise<T>, purpose: 'use' | 'operate' = 'use',
): Promise<T> {
  const account = await accessAccount(deps.db, actor, accountId, purpose);
  if (account.protocol !== 'imap') throw new AppError('VALIDATION_FAILED', 'Only IMAP accounts can be browsed: POP3 has one folder and no message list to page.');
  // the account's state is the last contact with its server: a failure to get in shows on it
  const client = await incomingOptions(deps, account)
    .then(openImap)
    .catch(async (err) => {
      const failure = serverFailure(err, account.in_security);
      await setStatus(deps, account.id, { status: 'error', problem: failure.extra.problem, detail: failure.message });
      throw failure;
    });
  if (account.status !== 'ready') await setStatus(deps, account.id, { status: 'ready', synced: true });
  try {
    return await fn(client, account);
  } catch (err) {
    throw serverFailure(err, account.in_security);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Runs fn with the folder selected read-only (browsing never changes \Seen on the server). */
export async function inFolder<T>(client: ImapFlow, path: string, fn: () => Promise<T>): Promise<T> {
  const lock = await client.getMailboxLock(path, { readOnly: true }).catch(() => {
    throw new AppError('NOT_FOUND', `The server has no folder "${path}".`);
  });
  try {
    return await fn();
  } finally {
    lock.release();
  }
}
