import type { ImapFlow } from 'imapflow';
import type { Deps } from '../../../deps.ts';
import type { Tx } from '../../../platform/db/index.ts';
import { MailServerError } from '../../../protocols/problems.ts';
import { flushOutsideSearch, storeExternalMany } from '../../mail/index.ts';
import type { AccountRow } from '../store.ts';
import { mirrorFolders, type RemoteFolderRow } from './folders.ts';
import { fetchPrepared, type Prepared } from './fetch-prepared.ts';
import { pushChanges } from './push.ts';

type SyncDeps = Pick<Deps, 'db' | 'blobs' | 'bus' | 'config'>;
interface Known { uid: number; entry_id: string; seen: boolean; flagged: boolean; header_id: string | null; e_seen: boolean; e_flagged: boolean }
interface FolderState { folder: RemoteFolderRow; uids: number[]; known: Map<number, Known> }
/** Links whose message left its folder on the server: moved elsewhere (found again by Message-ID) or deleted. */
type Vanished = Map<string, { entryId: string; folderId: string }>;

/**
 * Batches fetched and prepared ahead of the one being stored: with two, the server sends one while
 * the previous is parsed (imapflow runs the FETCH commands one after another on the connection).
 */
const FETCH_AHEAD = 2;

const inSync = (tx: Tx) => tx.query(`set local mailroom.sync = 'on'`);

/**
 * One synchronisation pass of an IMAP account: our changes go to the server first; then, folder
 * by folder, a changed UIDVALIDITY starts the folder afresh, new mail (UIDs above the newest
 * taken) is fetched, flags changed on the server are applied, older mail is backfilled below the
 * first load; messages gone from a folder are either found again in another (a move) or removed.
 * Every batch commits with the UIDs it took, so a cut anywhere resumes without gaps or doubles.
 * A pass that took mail merges its search entries into the index at the end (`flushOutsideSearch`).
 */
export async function imapPass(deps: SyncDeps, account: AccountRow, client: ImapFlow) {
  await pushChanges(deps, account, failingWhenCut(client));
  const folders = await deps.db.tx((tx) => mirrorFolders(tx, account, client));
  const states: FolderState[] = [];
  let total = 0;
  for (const folder of folders) {
    const lock = await client.getMailboxLock(folder.path);
    try {
      const box = client.mailbox;
      const validity = box && typeof box === 'object' ? String(box.uidValidity) : null;
      if (folder.uidvalidity !== null && validity !== null && folder.uidvalidity !== validity) await restartFolder(deps, account, folder);
      if (folder.uidvalidity !== validity) {
        await deps.db.query('update mail_remote_folders set uidvalidity = $2 where folder_id = $1', [folder.folder_id, validity]);
        folder.uidvalidity = validity;
      }
      const uids = ((await client.search({ all: true }, { uid: true })) || []).sort((a, b) => a - b);
      states.push({ folder, uids, known: await knownOf(deps, folder.folder_id) });
      total += uids.length;
    } finally {
      lock.release();
    }
  }
  await deps.db.query('update mail_accounts set progress_total = $2 where id = $1', [account.id, total]);

  const vanished: Vanished = new Map();
  let imported = 0;
  const gone: { entryId: string; folderId: string }[] = [];
  for (const s of states) {
    const present = new Set(s.uids);
    for (const k of s.known.values()) {
      if (present.has(k.uid)) continue;
      if (k.header_id && !vanished.has(k.header_id)) vanished.set(k.header_id, { entryId: k.entry_id, folderId: s.folder.folder_id });
      else gone.push({ entryId: k.entry_id, folderId: s.folder.folder_id });
    }
  }

  for (const s of states) {
    const lock = await client.getMailboxLock(s.folder.path);
    try {
      const top = Number(s.folder.top_uid);
      const fresh = top === 0 && s.folder.backfill_below === null;
      const newer = s.uids.filter((u) => u > top && !s.known.has(u));
      // the first load takes only the newest messages; the rest follows below them
      const first = fresh ? newer.slice(-account.initial_count) : newer;
      if (fresh) {
        const below = first.length && newer.length > first.length ? first[0] : null;
        await deps.db.query('update mail_remote_folders set backfill_below = $2 where folder_id = $1', [s.folder.folder_id, below]);
        s.folder.backfill_below = below === null ? null : String(below);
      }
      imported += await importUids(deps, account, client, s.folder, first, 'top', vanished);
      await applyServerFlags(deps, client, s);
      if (s.folder.backfill_below !== null) {
        const older = s.uids.filter((u) => u < Number(s.folder.backfill_below) && !s.known.has(u)).reverse();
        if (older.length) imported += await importUids(deps, account, client, s.folder, older, 'backfill', vanished);
        else {
          // nothing left below (taken already, or gone from the server since a cut stopped the
          // backfill): it is over, or it would stay "pending" for good
          await deps.db.query('update mail_remote_folders set backfill_below = null where folder_id = $1', [s.folder.folder_id]);
          s.folder.backfill_below = null;
        }
      }
    } finally {
      lock.release();
    }
  }

  // the search entries of what was taken, merged into the index in one go
  if (imported) await flushOutsideSearch(deps.db);

  // what vanished and did not turn up elsewhere was deleted on the server
  const remove = [...gone, ...vanished.values()];
  if (remove.length) {
    await deps.db.tx(async (tx) => {
      await inSync(tx);
      await tx.query('delete from mail_entries where id = any($1::bigint[])', [remove.map((r) => r.entryId)]);
      await dropOrphans(tx, account.id);
      await deps.bus.emit(tx, { orgId: account.org_id, type: 'mail.changed', payload: { folderIds: [...new Set(remove.map((r) => r.folderId))] }, userIds: [account.user_id!] });
    });
  }
}

/**
 * imapflow answers a MOVE, STORE or EXPUNGE that fails, also one cut off with its connection, with
 * `false` instead of an error. pushChanges takes such a move for "moved, the server gave no UID"
 * and forgets the link (a later pass then deleted the message on the server, taking the entry for
 * deleted in Mailroom), and such a flag change for done. For the push, a `false` on a connection
 * that is gone fails the pass, so the change stays queued and is tried again on the next one.
 */
function failingWhenCut(client: ImapFlow): ImapFlow {
  const guarded = new Set<PropertyKey>(['messageMove', 'messageFlagsAdd', 'messageFlagsRemove', 'messageDelete']);
  return new Proxy(client, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      if (!guarded.has(key)) return value.bind(target);
      return async (...args: unknown[]) => {
        const result: unknown = await value.apply(target, args);
        if (result === false && !target.usable) throw new MailServerError('PROTOCOL_ERROR', `connection lost during ${String(key)}`);
        return result;
      };
    },
  });
}

async function knownOf(deps: SyncDeps, folderId: string) {
  const { rows } = await deps.db.query<Omit<Known, 'uid'> & { uid: string }>(
    `select m.uid::text, m.entry_id::text, m.seen, m.flagged, m.header_id, e.seen as e_seen, e.flagged as e_flagged
       from mail_remote_messages m join mail_entries e on e.id = m.entry_id where m.folder_id = $1 and m.uid is not null`,
    [folderId],
  );
  return new Map(rows.map((r) => [Number(r.uid), { ...r, uid: Number(r.uid) }]));
}

/** UIDVALIDITY changed: the server renumbered the folder, so what we hold of it is dropped and taken again. */
async function restartFolder(deps: SyncDeps, account: AccountRow, folder: RemoteFolderRow) {
  await deps.db.tx(async (tx) => {
    await inSync(tx);
    await tx.query('delete from mail_entries where id in (select entry_id from mail_remote_messages where folder_id = $1)', [folder.folder_id]);
    await tx.query('delete from mail_remote_changes where folder_id = $1', [folder.folder_id]);
    await tx.query('update mail_remote_folders set top_uid = 0, backfill_below = null where folder_id = $1', [folder.folder_id]);
    await dropOrphans(tx, account.id);
  });
  folder.top_uid = '0';
  folder.backfill_below = null;
}

const dropOrphans = (tx: Tx, accountId: string) =>
  tx.query('delete from mail_messages m where m.account_id = $1 and not exists (select 1 from mail_entries e where e.message_id = m.id)', [accountId]);

/** Flags changed on the server since we last agreed are applied here, unless Mailroom changed them meanwhile. */
async function applyServerFlags(deps: SyncDeps, client: ImapFlow, s: FolderState) {
  if (!s.known.size) return;
  const updates: { entry: string; seen: boolean; flagged: boolean }[] = [];
  for await (const m of client.fetch('1:*', { uid: true, flags: true })) {
    const k = s.known.get(m.uid);
    if (!k) continue;
    const seen = m.flags?.has('\\Seen') ?? false;
    const flagged = m.flags?.has('\\Flagged') ?? false;
    if (seen === k.seen && flagged === k.flagged) continue;
    // a change of ours waits to be pushed: the next pass sends it
    if (k.e_seen !== k.seen || k.e_flagged !== k.flagged) continue;
    updates.push({ entry: k.entry_id, seen, flagged });
  }
  if (!updates.length) return;
  await deps.db.tx(async (tx) => {
    await inSync(tx);
    const args = [updates.map((u) => u.entry), updates.map((u) => u.seen), updates.map((u) => u.flagged)];
    await tx.query('update mail_entries e set seen = t.s, flagged = t.f from unnest($1::bigint[], $2::boolean[], $3::boolean[]) t(id, s, f) where e.id = t.id', args);
    await tx.query('update mail_remote_messages m set seen = t.s, flagged = t.f from unnest($1::bigint[], $2::boolean[], $3::boolean[]) t(id, s, f) where m.entry_id = t.id', args);
  });
}

/** The account's entries in a folder that are linked to no server message, by Message-ID (oldest first). */
async function unlinkedOf(deps: SyncDeps, account: AccountRow, folderId: string) {
  const { rows } = await deps.db.query<{ id: string; mid: string }>(
    `select e.id::text, x.header_message_id as mid from mail_entries e join mail_messages x on x.id = e.message_id
      where e.folder_id = $1 and x.account_id = $2 and x.header_message_id is not null
        and not exists (select 1 from mail_remote_messages m where m.entry_id = e.id)
      order by e.id`,
    [folderId, account.id],
  );
  const byMid = new Map<string, string[]>();
  for (const r of rows) byMid.set(r.mid, [...(byMid.get(r.mid) ?? []), r.id]);
  return byMid;
}

/**
 * Links an unlinked entry to the server message (folder, UID) it stands for. Its flags are the
 * person's latest word (the push skipped them when it lost the link): when they differ from the
 * server's, a flag change is queued for the next round. False when the entry is gone or linked meanwhile.
 */
async function relink(tx: Tx, account: AccountRow, folder: RemoteFolderRow, entryId: string, uid: number, seen: boolean, flagged: boolean) {
  const { rows } = await tx.query<{ seen: boolean; flagged: boolean; mid: string }>(
    `select e.seen, e.flagged, x.header_message_id as mid from mail_entries e join mail_messages x on x.id = e.message_id
      where e.id = $1 and e.folder_id = $2 and not exists (select 1 from mail_remote_messages m where m.entry_id = e.id)`,
    [entryId, folder.folder_id],
  );
  if (!rows[0]) return false;
  await tx.query(
    `insert into mail_remote_messages (entry_id, account_id, folder_id, uid, seen, flagged, header_id) values ($1, $2, $3, $4, $5, $6, $7)`,
    [entryId, account.id, folder.folder_id, uid, seen, flagged, rows[0].mid],
  );
  if (rows[0].seen !== seen || rows[0].flagged !== flagged) {
    await tx.query(`insert into mail_remote_changes (account_id, entry_id, kind, folder_id, uid) values ($1, $2, 'flags', $3, $4)`, [account.id, entryId, folder.folder_id, uid]);
    await tx.query('select mail_request_sync($1)', [account.id]);
  }
  return true;
}

/**
 * Fetches and stores the given UIDs in batches (ascending for new mail, descending for the
 * backfill); each batch commits together with the folder's position, so a cut loses nothing and
 * repeats nothing. A message found in `vanished` by its Message-ID is a move: its entry follows.
 * The next batches (`FETCH_AHEAD`) are fetched, parsed and written to the blob store while this
 * one's transaction runs (the transaction needs neither the IMAP connection nor the blob store):
 * one batch downloads while another is parsed. Returns how many new messages it stored.
 */
async function importUids(deps: SyncDeps, account: AccountRow, client: ImapFlow, folder: RemoteFolderRow, uids: number[], direction: 'top' | 'backfill', vanished: Vanished) {
  let took = 0;
  const batch = deps.config.accountFetchBatch;
  const unlinked = uids.length ? await unlinkedOf(deps, account, folder.folder_id) : new Map<string, string[]>();
  const chunks: number[][] = [];
  for (let i = 0; i < uids.length; i += batch) chunks.push(uids.slice(i, i + batch));
  const start = (c: number) => {
    if (c >= chunks.length) return null;
    const p = fetchPrepared(deps, client, chunks[c]);
    // handled where it is awaited; without this a failure during the running transaction would count as unhandled
    p.catch(() => {});
    return p;
  };
  const started: (Promise<Prepared[]> | null)[] = [];
  const ahead = (c: number) => {
    while (started.length < Math.min(chunks.length, c + 1 + FETCH_AHEAD)) started.push(start(started.length));
  };
  // the caller releases the mailbox after a failure: let the fetches under way finish first
  const settle = () => Promise.all(started.map((p) => p?.catch(() => {})));
  for (let c = 0; c < chunks.length; c++) {
    const chunk = chunks[c];
    const last = c === chunks.length - 1;
    ahead(c);
    let prepared: Prepared[];
    try {
      prepared = await started[c]!;
    } catch (err) {
      await settle();
      throw err;
    }
    started[c] = null;
    ahead(c);
    try {
      // a bulk transaction (background): the next batches are parsed while its statements run
      await deps.db.tx(async (tx) => {
        const [, { rows }] = await Promise.all([
          inSync(tx),
          tx.query<{ uid: string }>('select uid::text from mail_remote_messages where folder_id = $1 and uid = any($2::bigint[])', [folder.folder_id, chunk]),
        ]);
        const taken = new Set(rows.map((r) => Number(r.uid)));
        const fresh: Prepared[] = [];
        for (const p of prepared) {
          const seen = p.flags.has('\\Seen');
          const flagged = p.flags.has('\\Flagged');
          if (taken.has(p.uid)) continue;
          taken.add(p.uid);
          // an entry of ours already in this folder without a link is this message: link it again
          // rather than take a second copy. pushChanges leaves one behind when a move went through
          // but its answer (COPYUID) never came (a cut), or the server gives no UIDs (no UIDPLUS).
          const orphan = p.parsed.messageIdHeader ? unlinked.get(p.parsed.messageIdHeader)?.shift() : undefined;
          if (orphan && (await relink(tx, account, folder, orphan, p.uid, seen, flagged))) continue;
          const movedFrom = p.parsed.messageIdHeader ? vanished.get(p.parsed.messageIdHeader) : undefined;
          if (movedFrom) {
            vanished.delete(p.parsed.messageIdHeader!);
            await tx.query('update mail_entries set folder_id = $2, seen = $3, flagged = $4 where id = $1', [movedFrom.entryId, folder.folder_id, seen, flagged]);
            await tx.query('update mail_remote_messages set folder_id = $2, uid = $3, seen = $4, flagged = $5 where entry_id = $1', [movedFrom.entryId, folder.folder_id, p.uid, seen, flagged]);
            continue;
          }
          fresh.push(p);
        }
        // the new messages together: a few statements for the batch rather than several per message
        const stored = await storeExternalMany(
          deps,
          tx,
          fresh.map((p) => ({
            orgId: account.org_id, accountId: account.id, userId: account.user_id!, folderId: folder.folder_id,
            rawSha256: p.sha256, rawPack: p.rawPack, parsed: p.parsed, seen: p.flags.has('\\Seen'), flagged: p.flags.has('\\Flagged'), deliveredAt: p.date, searchDoc: p.searchDoc,
          })),
        );
        took += fresh.length;
        // the rest in one go, without a wait for each answer (see storeExternalMany)
        const rest: Promise<unknown>[] = [];
        if (fresh.length)
          rest.push(tx.query(
            `insert into mail_remote_messages (entry_id, account_id, folder_id, uid, seen, flagged, header_id)
             select e, $1, $2, u, s, f, h from unnest($3::bigint[], $4::bigint[], $5::boolean[], $6::boolean[], $7::text[]) as t(e, u, s, f, h)`,
            [account.id, folder.folder_id, stored.map((s) => s.entryId), fresh.map((p) => p.uid), fresh.map((p) => p.flags.has('\\Seen')),
              fresh.map((p) => p.flags.has('\\Flagged')), fresh.map((p) => p.parsed.messageIdHeader)],
          ));
        if (direction === 'top') {
          rest.push(tx.query('update mail_remote_folders set top_uid = greatest(top_uid, $2) where folder_id = $1', [folder.folder_id, chunk[chunk.length - 1]]));
        } else {
          rest.push(tx.query('update mail_remote_folders set backfill_below = $2 where folder_id = $1', [folder.folder_id, last ? null : chunk[chunk.length - 1]]));
        }
        // progress of this mailbox's copy (a shared account fills several, one after another)
        rest.push(tx.query(
          `update mail_accounts set progress_done = (select count(*) from mail_remote_messages r join mail_folders f on f.id = r.folder_id where r.account_id = $1 and f.user_id = $2)
            where id = $1`,
          [account.id, account.user_id],
        ));
        rest.push(deps.bus.emit(tx, { orgId: account.org_id, type: 'mail.changed', payload: { folderIds: [folder.folder_id] }, userIds: [account.user_id!] }));
        await Promise.all(rest);
      }, { background: true });
    } catch (err) {
      await settle();
      throw err;
    }
    if (direction === 'top') folder.top_uid = String(chunk[chunk.length - 1]);
    else folder.backfill_below = last ? null : String(chunk[chunk.length - 1]);
  }
  return took;
}
