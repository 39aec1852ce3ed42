import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailroomClient } from '@mailroom/sdk';
import { startTestServer, type TestServer } from './harness/app.ts';
import { startCutProxy, type CutHow, type CutProxy } from './harness/cut-proxy.ts';
import { dovecotInstalled, startDovecot, type Dovecot } from './harness/dovecot.ts';
import { makeWorld, PASSWORD } from './harness/factories.ts';
import { until } from './harness/wait.ts';

/**
 * "A connection cut at random points during sync (50 cuts; no duplicates, no gaps)": the account
 * talks to Dovecot through a proxy that cuts its connection, at random moments and after random
 * numbers of bytes, during the first load, the backfill, the flag checks and the pushes of
 * Mailroom's own changes. Mail arrives and changes on the server between cuts. At the end one
 * clean pass must leave Mailroom holding exactly what the server holds.
 *
 * Deterministic by construction: the randomness is seeded (CUTS_SEED to replay another run), each
 * round waits for the synchroniser to settle before the next, and the only sleeps place cuts.
 */
const d = dovecotInstalled() ? describe : describe.skip;

const SEED = Number(process.env.CUTS_SEED ?? 20261123);
const CUTS = 50;
// CUTS_DEBUG=1 prints each round (how it was cut, how the pass ended, what was still queued)
const INBOX_N = 200;
const PROJECTS_N = 100;
/** The test holds the account's sync lease (as another process would) while it changes things, so a round is exactly one pass. */
const HOLDER = 'cuts-test';

let dv: Dovecot;
let proxy: CutProxy;
let s: TestServer;
let anna: MailroomClient;
let accountId = '';

/** mulberry32: a small seeded generator, so every run cuts at the same points. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = seeded(SEED);
const between = (lo: number, hi: number) => Math.floor(lo + rnd() * (hi - lo));
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Straight to Dovecot, past the proxy. */
const direct = () => dv.imapAs('cuts', 'pw-cuts');
const message = (n: number) =>
  `From: Sender ${n} <sender${n}@example.org>\r\nTo: cuts@example.com\r\nSubject: Message ${n}\r\nMessage-ID: <cut-${n}@example.org>\r\n` +
  `Date: Mon, 23 Nov 2026 10:${String(n % 60).padStart(2, '0')}:00 +0000\r\n\r\nBody of message ${n}.\r\n${'x'.repeat(n % 7 * 40)}\r\n`;
const numberOf = (mid: string) => Number(/cut-(\d+)@/.exec(mid)?.[1] ?? NaN);
const bare = (mid: string | null | undefined) => (mid ?? '').replace(/^<|>$/g, '');

interface Held { path: string; uid: number; mid: string; seen: boolean; flagged: boolean }

/** What the server holds, folder by folder. */
async function serverState(): Promise<Held[]> {
  const c = await direct();
  try {
    const out: Held[] = [];
    for (const f of await c.list()) {
      if (f.flags.has('\\Noselect')) continue;
      const box = await c.mailboxOpen(f.path, { readOnly: true });
      if (!box.exists) continue;
      for await (const m of c.fetch('1:*', { uid: true, envelope: true, flags: true })) {
        out.push({ path: f.path, uid: m.uid, mid: bare(m.envelope?.messageId), seen: m.flags?.has('\\Seen') ?? false, flagged: m.flags?.has('\\Flagged') ?? false });
      }
    }
    return out;
  } finally {
    await c.logout();
  }
}

/** Every entry in the account's folders, with the server message it is linked to (if any). */
async function mailroomEntries() {
  const { rows } = await s.deps.db.query<{ entry_id: string; path: string; mid: string | null; seen: boolean; flagged: boolean; link_path: string | null; uid: string | null }>(
    `select e.id::text as entry_id, f.path, m.header_message_id as mid, e.seen, e.flagged, lf.path as link_path, r.uid::text as uid
       from mail_entries e
       join mail_remote_folders f on f.folder_id = e.folder_id
       join mail_messages m on m.id = e.message_id
       left join mail_remote_messages r on r.entry_id = e.id
       left join mail_remote_folders lf on lf.folder_id = r.folder_id
      where f.account_id = $1 order by e.id`,
    [accountId],
  );
  return rows.map((r) => ({ ...r, mid: bare(r.mid) }));
}

const accountRow = async () =>
  (
    await s.deps.db.query<{ status: string; problem: string | null; sync_by: string | null; sync_at: string | null; done: number; total: number }>(
      `select status, problem, sync_by, last_sync_at::text as sync_at, progress_done as done, progress_total as total
         from mail_accounts where id = $1`,
      [accountId],
    )
  ).rows[0];

/** Nothing runs and nothing waits: the lease is free and no sync job is queued or running. */
const settled = () =>
  until(async () => {
    const a = await accountRow();
    if (a.sync_by !== null || proxy.live > 0) return null;
    const { rows } = await s.deps.db.query<{ n: number }>(
      `select count(*)::int as n from jobs where queue = 'account.sync' and status in ('queued', 'running') and payload->>'accountId' = $1`,
      [accountId],
    );
    return rows[0].n === 0 ? a : null;
  }, 'the synchroniser to settle', 30_000);

const hold = async () => {
  await until(async () => {
    const r = await s.deps.db.query(
      `update mail_accounts set sync_by = $2, sync_until = now() + interval '5 minutes' where id = $1 and (sync_until is null or sync_until < now()) returning 1`,
      [accountId, HOLDER],
    );
    return r.rowCount === 1;
  }, 'the sync lease', 30_000);
};
const release = () => s.deps.db.query('update mail_accounts set sync_by = null, sync_until = null where id = $1 and sync_by = $2', [accountId, HOLDER]);

const remoteFolders = async () =>
  (await s.deps.db.query<{ path: string; folder_id: string; backfill_below: string | null }>(
    'select path, folder_id, backfill_below::text from mail_remote_folders where account_id = $1', [accountId],
  )).rows;
const pendingChanges = async () =>
  (await s.deps.db.query<{ n: number }>('select count(*)::int as n from mail_remote_changes where account_id = $1', [accountId])).rows[0].n;

d('an external IMAP account whose connection is cut at random points', () => {
  beforeAll(async () => {
    dv = await startDovecot();
    dv.addUser('cuts', 'pw-cuts');
    const c = await direct();
    await c.mailboxCreate('Projects');
    for (let n = 1; n <= INBOX_N; n++) await c.append('INBOX', message(n), n % 4 === 0 ? ['\\Seen'] : []);
    for (let n = INBOX_N + 1; n <= INBOX_N + PROJECTS_N; n++) await c.append('Projects', message(n), n % 3 === 0 ? ['\\Seen'] : []);
    await c.logout();
    proxy = await startCutProxy({ port: dv.imap });
    // no IDLE connection: every connection through the proxy is a synchronisation pass
    s = await startTestServer({ accountTimeoutMs: 2000, accountSyncSeconds: 3600, accountFetchBatch: 7, accountIdle: false });
    const w = await makeWorld(s.deps);
    anna = await s.signIn(w.alice.login, PASSWORD);
  }, 60_000);
  afterAll(async () => {
    await s?.stop();
    await proxy?.stop();
    await dv?.stop();
  });

  it(`survives ${CUTS} cuts: no duplicates, no gaps`, async () => {
    const started = Date.now();
    /** Starts one pass: the first by creating the account, the others by letting go of the lease and asking. */
    const startPass = async () => {
      if (accountId) {
        await release();
        await anna.accounts.sync(accountId);
        return;
      }
      const a = await anna.accounts.create({
        name: 'cuts mail', email: 'cuts@example.com', login: 'cuts', password: 'pw-cuts', initialCount: 40,
        incoming: { host: '127.0.0.1', port: proxy.port, security: 'none' }, smtp: { host: '127.0.0.1', port: 1, security: 'none' },
      });
      accountId = a.id;
    };

    // where each message (by its number) should end up, and with which flags: both sides' changes count
    const want = new Map<number, { path: string; seen: boolean; flagged: boolean }>();
    for (let n = 1; n <= INBOX_N; n++) want.set(n, { path: 'INBOX', seen: n % 4 === 0, flagged: false });
    for (let n = INBOX_N + 1; n <= INBOX_N + PROJECTS_N; n++) want.set(n, { path: 'Projects', seen: n % 3 === 0, flagged: false });
    let next = INBOX_N + PROJECTS_N + 1;
    let effective = 0;
    let rounds = 0;
    const stats = { backfill: 0, push: 0, connect: 0, modes: {} as Record<string, number> };
    while (effective < CUTS) {
      rounds++;
      expect(rounds, 'rounds needed for the cuts').toBeLessThanOrEqual(CUTS * 3);
      // (from the second round on the lease is ours here: nothing runs while the world changes)

      // the server changes between some cuts: new mail, a flag, a move (odd-numbered messages only)
      if (rounds % 4 === 0) {
        const c = await direct();
        for (let k = between(1, 4); k > 0; k--) {
          const [path, read] = [rnd() < 0.7 ? 'INBOX' : 'Projects', rnd() < 0.3];
          want.set(next, { path, seen: read, flagged: false });
          await c.append(path, message(next++), read ? ['\\Seen'] : []);
        }
        if (rounds % 8 === 0) {
          await c.mailboxOpen('INBOX');
          // first-loaded INBOX messages keep UID = number; Mailroom touches only even numbers
          const odd = ((await c.search({ all: true }, { uid: true })) || []).filter((u) => u % 2 === 1 && u <= INBOX_N);
          if (odd.length > 2) {
            const [read, moved] = [pick(odd), pick(odd)];
            await c.messageFlagsAdd([read], ['\\Seen'], { uid: true });
            want.get(read)!.seen = true;
            await c.messageMove([moved], 'Projects', { uid: true });
            want.get(moved)!.path = 'Projects';
          }
        }
        await c.logout();
      }
      // Mailroom changes between other cuts: read, flag, move, delete (even-numbered messages only)
      let pushing = false;
      if (accountId && rounds % 3 === 1) {
        const inbox = (await mailroomEntries()).filter((e) => e.path === 'INBOX' && numberOf(e.mid) % 2 === 0 && want.get(numberOf(e.mid))!.path === 'INBOX');
        if (inbox.length >= 6) {
          const folders = (await anna.mail.folders()).items;
          const top = folders.find((f) => f.name === 'cuts mail')!;
          const projects = folders.find((f) => f.parentId === top.id && f.name === 'Projects')!;
          const chosen = [...inbox].sort(() => rnd() - 0.5).slice(0, 6);
          const w = (i: number) => want.get(numberOf(chosen[i].mid))!;
          for (const i of [0, 1, 2]) await anna.mail.update(chosen[i].entry_id, { seen: (w(i).seen = !w(i).seen) });
          await anna.mail.update(chosen[3].entry_id, { flagged: (w(3).flagged = true) });
          await anna.mail.move([chosen[4].entry_id], projects.id);
          w(4).path = 'Projects';
          await anna.mail.remove([chosen[5].entry_id]);
          w(5).path = 'Trash';
          pushing = true;
        }
      }

      // arm a cut, let one pass run into it
      const how: CutHow = rnd() < 0.75 ? 'reset' : 'close';
      const acceptedBefore = proxy.accepted;
      const cutsBefore = proxy.cuts;
      const backfillBefore = Boolean(accountId) && (await remoteFolders()).some((f) => f.backfill_below !== null);
      const changesBefore = accountId ? await pendingChanges() : 0;
      let mode: string;
      if (pushing && rnd() < 0.8) {
        // during the push: before the server hears a command, or after it acted but before we hear back
        const [text, dir] = pick([['UID MOVE', 'up'], ['COPYUID', 'down'], ['UID STORE', 'up'], [' FETCH (', 'down']] as const);
        mode = `push:${text.trim()}`;
        proxy.cutOn(text, dir, how);
      } else if (rnd() < 0.5) {
        // after a random number of bytes, log-uniform from the greeting to deep into a pass
        mode = 'bytes';
        proxy.cutAfter(Math.exp(Math.log(60) + rnd() * (Math.log(60_000) - Math.log(60))), how);
      } else {
        mode = 'timer';
      }
      const delay = between(0, 250);
      await startPass();
      if (mode === 'timer') {
        await until(() => proxy.accepted > acceptedBefore, 'the pass to connect', 20_000);
        await sleep(delay);
        proxy.cutAll(how);
      }
      const after = await settled();
      proxy.disarm();
      const cut = proxy.cuts > cutsBefore;
      if (process.env.CUTS_DEBUG) console.info(`round ${rounds}: ${mode}, ${after.status}, cut ${cut}, queued changes ${await pendingChanges()}`);
      // a pass fails only because of a cut
      if (!cut) expect(after.status, `round ${rounds} (${mode}) failed without a cut: ${after.problem}`).toBe('ready');
      if (cut && after.status === 'error') {
        expect(after.problem).toBeTruthy();
        effective++;
        stats.modes[mode] = (stats.modes[mode] ?? 0) + 1;
        if (backfillBefore) stats.backfill++;
        if (changesBefore > 0) stats.push++;
        if (proxy.log[proxy.log.length - 1].afterBytes < 400) stats.connect++;
      } else {
        // a cut while logging out after a finished pass, or none at all: that pass succeeded
        expect(after.status).toBe('ready');
      }
      await hold();
    }

    // no more cuts: one clean pass must bring Mailroom level with the server
    const before = await accountRow();
    await release();
    await anna.accounts.sync(accountId);
    await until(async () => {
      const x = await accountRow();
      if (x.status === 'error') throw new Error(`the clean pass failed: ${x.problem}`);
      return x.status === 'ready' && x.sync_at !== before.sync_at;
    }, 'the clean pass', 30_000);
    const end = await settled();
    expect(end.status).toBe('ready');
    const cutsAtEnd = proxy.cuts;

    const server = await serverState();
    const mine = await mailroomEntries();
    const total = next - 1;
    // the server lost nothing and holds every change of both sides: folder and flags as wanted
    const state = (xs: { mid: string; path: string; seen: boolean; flagged: boolean }[]) => xs.map((x) => `${numberOf(x.mid)} ${x.path} ${x.seen} ${x.flagged}`).sort();
    const wanted = [...want].map(([n, w]) => `${n} ${w.path} ${w.seen} ${w.flagged}`).sort();
    expect(server.length).toBe(total);
    expect(state(server)).toEqual(wanted);
    // every entry of the account's folders is linked to a server message in its own folder
    expect(mine.filter((e) => e.uid === null || e.link_path !== e.path)).toEqual([]);
    // no gaps, no doubles, by folder + UID...
    const byUid = (xs: { path: string; uid: number | string | null; mid: string }[]) => xs.map((x) => `${x.path}/${x.uid} ${x.mid}`).sort();
    expect(byUid(mine)).toEqual(byUid(server));
    // ...and by Message-ID: each one exactly once, in the folder the server has it in
    const byMid = (xs: { path: string; mid: string }[]) => xs.map((x) => `${x.mid} ${x.path}`).sort();
    expect(new Set(byMid(mine)).size).toBe(mine.length);
    expect(new Set(mine.map((e) => e.mid)).size).toBe(total);
    expect(byMid(mine)).toEqual(byMid(server));
    // ...with the same flags
    expect(state(mine)).toEqual(wanted);
    const { rows: links } = await s.deps.db.query<{ n: number; distinct: number }>(
      'select count(*)::int as n, count(distinct (folder_id, uid))::int as distinct from mail_remote_messages where account_id = $1', [accountId],
    );
    expect(links[0]).toEqual({ n: total, distinct: total });
    // nothing of Mailroom's is left to tell the server: what is still queued is already done
    const { rows: undone } = await s.deps.db.query(
      `select c.id::text, c.kind, c.entry_id::text from mail_remote_changes c
         join mail_entries e on e.id = c.entry_id left join mail_remote_messages r on r.entry_id = e.id
        where c.account_id = $1 and (r.entry_id is null or r.folder_id <> e.folder_id or r.seen <> e.seen or r.flagged <> e.flagged)`,
      [accountId],
    );
    expect(undone).toEqual([]);
    expect((await remoteFolders()).every((f) => f.backfill_below === null)).toBe(true);
    expect({ done: end.done, total: end.total }).toEqual({ done: total, total });

    // the proxy really cut, every time in the middle of a pass
    expect(effective).toBe(CUTS);
    expect(cutsAtEnd).toBeGreaterThanOrEqual(CUTS);
    expect(stats.backfill).toBeGreaterThan(0);
    expect(stats.push).toBeGreaterThan(0);
    console.info(
      `cuts: ${effective} failed passes in ${rounds} rounds, ${cutsAtEnd} connections cut (seed ${SEED}); ${total} messages;` +
        ` during backfill ${stats.backfill}, with changes to push ${stats.push}, while connecting ${stats.connect};` +
        ` by mode ${JSON.stringify(stats.modes)}; ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 180_000);
});
