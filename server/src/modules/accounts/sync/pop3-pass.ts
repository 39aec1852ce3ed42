import type { Deps } from '../../../deps.ts';
import { Pop3 } from '../../../protocols/pop3-client/pop3.ts';
import { parseMime, storeExternal } from '../../mail/index.ts';
import { incomingOptions } from '../credentials.ts';
import type { AccountRow } from '../store.ts';

type Pop3Deps = Pick<Deps, 'db' | 'blobs' | 'bus' | 'config' | 'sealer' | 'mailCa' | 'now' | 'fetch'>;

/** A POP3 account's mail lands in one Inbox under the account's top folder. */
async function pop3Inbox(deps: Pop3Deps, account: AccountRow) {
  return deps.db.tx(async (tx) => {
    const found = await tx.query<{ id: string }>(`select id from mail_folders where account_id = $1 and account_role = 'inbox'`, [account.id]);
    if (found.rows[0]) return found.rows[0].id;
    const top = await tx.query<{ id: string }>(`insert into mail_folders (user_id, name, account_id, account_role) values ($1, $2, $3, 'account') returning id`, [account.user_id, account.name, account.id]);
    const inbox = await tx.query<{ id: string }>(
      `insert into mail_folders (user_id, parent_id, name, account_id, account_role) values ($1, $2, 'Inbox', $3, 'inbox') returning id`,
      [account.user_id, top.rows[0].id, account.id],
    );
    return inbox.rows[0].id;
  });
}

/**
 * One POP3 pass: download what is new by UIDL (each message committed with its UIDL, so a cut
 * repeats nothing), then delete on the server what has been kept there long enough
 * (leave_on_server_days: 0 at once, N after N days, null never). Deletions take effect at QUIT.
 */
export async function pop3Pass(deps: Pop3Deps, account: AccountRow) {
  const folderId = await pop3Inbox(deps, account);
  const pop = await Pop3.open(await incomingOptions(deps, account));
  try {
    const list = await pop.uidl();
    const { rows } = await deps.db.query<{ uidl: string; fetched_at: Date }>('select uidl, fetched_at from mail_remote_messages where account_id = $1 and uidl is not null', [account.id]);
    const known = new Map(rows.map((r) => [r.uidl, new Date(r.fetched_at)]));
    // progress of this pass: of the messages on the server now, how many we hold (not every message ever taken)
    const held = list.filter((m) => known.has(m.uid)).length;
    await deps.db.query('update mail_accounts set progress_done = $2, progress_total = $3 where id = $1', [account.id, held, list.length]);
    for (const m of list) {
      if (known.has(m.uid)) continue;
      const raw = await pop.retr(m.n);
      const parsed = await parseMime(raw);
      const ref = await deps.blobs.put(raw);
      await deps.db.tx(async (tx) => {
        await tx.query(`set local mailroom.sync = 'on'`);
        const { entryId } = await storeExternal(deps, tx, {
          orgId: account.org_id, accountId: account.id, userId: account.user_id!, folderId, rawSha256: ref.sha256, parsed, seen: false, flagged: false, deliveredAt: parsed.date ?? deps.now(),
        });
        await tx.query('insert into mail_remote_messages (entry_id, account_id, folder_id, uidl, header_id, fetched_at) values ($1, $2, $3, $4, $5, $6)', [
          entryId, account.id, folderId, m.uid, parsed.messageIdHeader, deps.now(),
        ]);
        await tx.query('update mail_accounts set progress_done = progress_done + 1 where id = $1', [account.id]);
        await deps.bus.emit(tx, { orgId: account.org_id, type: 'mail.changed', payload: { folderIds: [folderId] }, userIds: [account.user_id!] });
      });
      known.set(m.uid, deps.now());
    }
    const keep = account.leave_on_server_days;
    if (keep !== null) {
      const limit = deps.now().getTime() - keep * 86_400_000;
      for (const m of list) {
        const at = known.get(m.uid);
        if (at && at.getTime() <= limit) await pop.dele(m.n);
      }
    }
    await pop.quit();
  } catch (err) {
    pop.close();
    throw err;
  }
}
