import type { ImapFlow } from 'imapflow';
import type { Deps } from '../../../deps.ts';
import type { Tx } from '../../../platform/db/index.ts';
import { parseMime, storeExternal, type ParsedMail } from '../../mail/index.ts';
import type { AccountRow } from '../store.ts';
import { mirrorFolders, type RemoteFolderRow } from './folders.ts';
import { pushChanges } from './push.ts';

type SyncDeps = Pick<Deps, 'db' | 'blobs' | 'bus' | 'config'>;
interface Known { uid: number; entry_id: string; seen: boolean; flagged: boolean; header_id: string | null; e_seen: boolean; e_flagged: boolean }
interface FolderState { folder: RemoteFolderRow; uids: number[]; known: Map<number, Known> }
/** Links whose message left its folder on the server: moved elsewhere (found again by Message-ID) or deleted. */
type Vanished = Map<string, { entryId: string; folderId: string }>;

const inSync = (tx: Tx) => tx.query(`set local mailroom.sync = 'on'`);

/**
 * One synchronisation pass of an IMAP account: our changes go to the server first; then, folder
 * by folder, a changed UIDVALIDITY starts the folder afresh, new mail (UIDs above the newest
 * taken) is fetched, flags changed on the server are applied, older mail is backfilled below the
 * first load; messages gone from a folder are either found again in another (a move) or removed.
 * Every batch commits with the UIDs it took, so a cut anywhere resumes without gaps or doubles.
 */
export async function imapPass(deps: SyncDeps, account: AccountRow, client: ImapFlow) {
  await pushChanges(deps, account, client);
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
      await importUids(deps, account, client, s.folder, first, 'top', vanished);
      await applyServerFlags(deps, client, s);
      if (s.folder.backfill_below !== null) {
        const older = s.uids.filter((u) => u < Number(s.folder.backfill_below) && !s.known.has(u)).reverse();
        await importUids(deps, account, client, s.folder, older, 'backfill', vanished);
      }
    } finally {
      lock.release();
    }
  }

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

/**
 * Fetches and stores the given UIDs in batches (ascending for new mail, descending for the
 * backfill); each batch commits together with the folder's position, so a cut loses nothing and
 * repeats nothing. A message found in `vanished` by its Message-ID is a move: its entry follows.
 */
async function importUids(deps: SyncDeps, account: AccountRow, client: ImapFlow, folder: RemoteFolderRow, uids: number[], direction: 'top' | 'backfill', vanished: Vanished) {
  const batch = deps.config.accountFetchBatch;
  for (let i = 0; i < uids.length; i += batch) {
    const chunk = uids.slice(i, i + batch);
    const fetched: { uid: number; flags: Set<string>; date: Date; raw: Buffer }[] = [];
    for await (const m of client.fetch(chunk.join(','), { uid: true, flags: true, source: true, internalDate: true }, { uid: true })) {
      if (m.source) fetched.push({ uid: m.uid, flags: m.flags ?? new Set(), date: m.internalDate instanceof Date ? m.internalDate : new Date(), raw: m.source });
    }
    const prepared: (typeof fetched[number] & { parsed: ParsedMail; ref: { sha256: string } })[] = [];
    for (const f of fetched) prepared.push({ ...f, parsed: await parseMime(f.raw), ref: await deps.blobs.put(f.raw) });
    await deps.db.tx(async (tx) => {
      await inSync(tx);
      for (const p of prepared) {
        const seen = p.flags.has('\\Seen');
        const flagged = p.flags.has('\\Flagged');
        const dup = await tx.query('select 1 from mail_remote_messages where folder_id = $1 and uid = $2', [folder.folder_id, p.uid]);
        if (dup.rows.length) continue;
        const movedFrom = p.parsed.messageIdHeader ? vanished.get(p.parsed.messageIdHeader) : undefined;
        if (movedFrom) {
          vanished.delete(p.parsed.messageIdHeader!);
          await tx.query('update mail_entries set folder_id = $2, seen = $3, flagged = $4 where id = $1', [movedFrom.entryId, folder.folder_id, seen, flagged]);
          await tx.query('update mail_remote_messages set folder_id = $2, uid = $3, seen = $4, flagged = $5 where entry_id = $1', [movedFrom.entryId, folder.folder_id, p.uid, seen, flagged]);
          continue;
        }
        const { entryId } = await storeExternal(deps, tx, {
          orgId: account.org_id, accountId: account.id, userId: account.user_id!, folderId: folder.folder_id,
          rawSha256: p.ref.sha256, parsed: p.parsed, seen, flagged, deliveredAt: p.date,
        });
        await tx.query(
          `insert into mail_remote_messages (entry_id, account_id, folder_id, uid, seen, flagged, header_id) values ($1, $2, $3, $4, $5, $6, $7)`,
          [entryId, account.id, folder.folder_id, p.uid, seen, flagged, p.parsed.messageIdHeader],
        );
      }
      if (direction === 'top') {
        await tx.query('update mail_remote_folders set top_uid = greatest(top_uid, $2) where folder_id = $1', [folder.folder_id, chunk[chunk.length - 1]]);
      } else {
        const last = i + batch >= uids.length;
        await tx.query('update mail_remote_folders set backfill_below = $2 where folder_id = $1', [folder.folder_id, last ? null : chunk[chunk.length - 1]]);
      }
      await tx.query('update mail_accounts set progress_done = (select count(*) from mail_remote_messages where account_id = $1) where id = $1', [account.id]);
      await deps.bus.emit(tx, { orgId: account.org_id, type: 'mail.changed', payload: { folderIds: [folder.folder_id] }, userIds: [account.user_id!] });
    });
    if (direction === 'top') folder.top_uid = String(chunk[chunk.length - 1]);
    else folder.backfill_below = i + batch >= uids.length ? null : String(chunk[chunk.length - 1]);
  }
}
