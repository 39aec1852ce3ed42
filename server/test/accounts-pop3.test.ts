import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailroomClient } from '@mailroom/sdk';
import { startTestServer, type TestServer } from './harness/app.ts';
import { dovecotInstalled, startDovecot, type Dovecot } from './harness/dovecot.ts';
import { makeWorld, PASSWORD } from './harness/factories.ts';
import { until } from './harness/wait.ts';

// POP3 "leave on server for N days" against a real Dovecot, with Mailroom's clock in the test's
// hands: a message is deleted on the server only once N days have passed since we downloaded it.
const d = dovecotInstalled() ? describe : describe.skip;
const DAY = 86_400_000;
let dv: Dovecot;
let s: TestServer;
let anna: MailroomClient;
let clock = new Date();
const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));

/** The subjects in the user's INBOX on the server, sorted (a fresh IMAP session each time). */
async function onServer(user: string) {
  const c = await dv.imapAs(user, `pw-${user}`);
  try {
    const box = await c.mailboxOpen('INBOX', { readOnly: true });
    if (!box.exists) return [];
    const out: string[] = [];
    for await (const m of c.fetch('1:*', { envelope: true })) out.push(m.envelope?.subject ?? '');
    return out.sort();
  } finally {
    await c.logout();
  }
}

async function append(user: string, ...subjects: string[]) {
  const c = await dv.imapAs(user, `pw-${user}`);
  for (const subject of subjects) await c.append('INBOX', `From: x@example.org\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(/\W/g, '')}@example.org>\r\n\r\nhello\r\n`);
  await c.logout();
}

const state = async (id: string) =>
  (await s.deps.db.query<{ status: string; problem: string | null; detail: string | null; synced: string | null; sync_by: string | null; sync_wanted: string | null }>(
    'select status, problem, detail, last_sync_at::text as synced, sync_by, sync_wanted::text as sync_wanted from mail_accounts where id = $1', [id],
  )).rows[0];

/** Waits until a pass that finished after `before` has let go of the account, with nothing more asked. */
async function passDone(id: string, before: string | null) {
  await until(async () => {
    const x = await state(id);
    if (x.status === 'error') throw new Error(`${x.problem}: ${x.detail}`);
    return x.status === 'ready' && x.synced !== null && x.synced !== before && x.sync_by === null && x.sync_wanted === null;
  }, 'a POP3 pass', 30_000);
}

/** "Check mail now", then wait for that pass to end. */
async function pass(id: string) {
  const before = (await state(id)).synced;
  await anna.accounts.sync(id);
  await passDone(id, before);
}

/** What Mailroom holds for the account: UIDLs taken, entries in its folders (with their subjects), and the progress shown. */
async function held(id: string) {
  const remote = await s.deps.db.query<{ uidl: string; fetched_at: Date }>('select uidl, fetched_at from mail_remote_messages where account_id = $1 order by fetched_at, uidl', [id]);
  const entries = await s.deps.db.query<{ subject: string }>(
    'select m.subject from mail_entries e join mail_folders f on f.id = e.folder_id join mail_messages m on m.id = e.message_id where f.account_id = $1 order by m.subject', [id],
  );
  const a = (await anna.accounts.list()).items.find((x) => x.id === id)!;
  return { uidls: remote.rows.map((r) => r.uidl), fetchedAt: remote.rows.map((r) => new Date(r.fetched_at).getTime()), subjects: entries.rows.map((r) => r.subject), progress: a.progress };
}

d('POP3: leave messages on the server for N days', () => {
  beforeAll(async () => {
    dv = await startDovecot();
    for (const u of ['days', 'never', 'atonce']) dv.addUser(u, `pw-${u}`);
    const ca = join(dv.dir, 'ca.pem');
    writeFileSync(ca, dv.ca);
    s = await startTestServer(
      // passes only when asked; a session that outlives the simulated years
      { accountTlsCaFile: ca, accountTimeoutMs: 5000, accountSyncSeconds: 3600, accountIdle: false, sessionTtlHours: 24 * 365 * 20 },
      { now: () => clock },
    );
    anna = await s.signIn((await makeWorld(s.deps)).alice.login, PASSWORD);
  }, 60_000);
  afterAll(async () => {
    await s?.stop();
    await dv?.stop();
  });

  const create = async (user: string, leaveOnServerDays: number | null, security: 'starttls' | 'none') => {
    const a = await anna.accounts.create({
      name: `Pop ${user}`, email: `${user}@example.com`, login: user, password: `pw-${user}`, protocol: 'pop3', leaveOnServerDays,
      // SMTP is never used here: a port nobody listens on
      incoming: { host: '127.0.0.1', port: dv.pop3, security }, smtp: { host: '127.0.0.1', port: 1, security: 'none' },
    });
    expect(a.leaveOnServerDays).toBe(leaveOnServerDays);
    await passDone(a.id, null);
    return a.id;
  };

  it('3 days: takes each message once by UIDL, keeps it on the server 3 days from its own download, then deletes it there only', async () => {
    await append('days', 'A1', 'A2', 'A3');
    const t0 = clock.getTime();
    const id = await create('days', 3, 'starttls');

    // first pass: all three taken, all still on the server
    let h = await held(id);
    expect(h.uidls).toHaveLength(3);
    expect(new Set(h.uidls).size).toBe(3);
    expect(h.fetchedAt).toEqual([t0, t0, t0]);
    expect(h.subjects).toEqual(['A1', 'A2', 'A3']);
    expect(h.progress).toEqual({ done: 3, total: 3 });
    expect(await onServer('days')).toEqual(['A1', 'A2', 'A3']);

    // second pass while they are all still there: nothing taken twice
    await pass(id);
    const again = await held(id);
    expect(again.uidls).toEqual(h.uidls);
    expect(again.subjects).toEqual(['A1', 'A2', 'A3']);
    expect(again.progress).toEqual({ done: 3, total: 3 });
    expect(await onServer('days')).toEqual(['A1', 'A2', 'A3']);

    // a day later a new message arrives: taken once, the others left alone
    advance(DAY);
    await append('days', 'B1');
    await pass(id);
    h = await held(id);
    expect(h.uidls).toHaveLength(4);
    expect(h.uidls.slice(0, 3)).toEqual(again.uidls);
    expect(h.fetchedAt).toEqual([t0, t0, t0, t0 + DAY]);
    expect(h.subjects).toEqual(['A1', 'A2', 'A3', 'B1']);
    expect(h.progress).toEqual({ done: 4, total: 4 });
    expect(await onServer('days')).toEqual(['A1', 'A2', 'A3', 'B1']);
    await pass(id);
    expect((await held(id)).uidls).toEqual(h.uidls);

    // 2 days after the first download, then a minute short of 3: everything still on the server
    advance(DAY);
    await pass(id);
    expect(await onServer('days')).toEqual(['A1', 'A2', 'A3', 'B1']);
    clock = new Date(t0 + 3 * DAY - 60_000);
    await pass(id);
    expect(await onServer('days')).toEqual(['A1', 'A2', 'A3', 'B1']);
    h = await held(id);
    expect(h.subjects).toEqual(['A1', 'A2', 'A3', 'B1']);
    expect(h.progress).toEqual({ done: 4, total: 4 });

    // past 3 days from the first download: the first batch goes from the server; B1 (taken a day later) stays
    clock = new Date(t0 + 3 * DAY + 60_000);
    await pass(id);
    expect(await onServer('days')).toEqual(['B1']);
    h = await held(id);
    expect(h.uidls).toHaveLength(4);
    expect(h.subjects).toEqual(['A1', 'A2', 'A3', 'B1']);
    // the pass saw four on the server and had them all
    expect(h.progress).toEqual({ done: 4, total: 4 });

    // the next pass sees only B1: progress counts what is on the server, not every message ever taken
    await pass(id);
    expect(await onServer('days')).toEqual(['B1']);
    h = await held(id);
    expect(h.subjects).toEqual(['A1', 'A2', 'A3', 'B1']);
    expect(h.progress).toEqual({ done: 1, total: 1 });

    // B1's own 3 days: gone from the server too; our copies stay
    clock = new Date(t0 + DAY + 3 * DAY + 60_000);
    await pass(id);
    expect(await onServer('days')).toEqual([]);
    await pass(id);
    h = await held(id);
    expect(h.uidls).toHaveLength(4);
    expect(h.subjects).toEqual(['A1', 'A2', 'A3', 'B1']);
    expect(h.progress).toEqual({ done: 0, total: 0 });
    // and the person sees them in the account's Inbox
    const inbox = (await anna.mail.folders()).items.find((f) => f.accountId === id && f.accountRole === 'inbox')!;
    expect(inbox.total).toBe(4);
    expect((await anna.mail.list(inbox.id)).items.map((m) => m.subject).sort()).toEqual(['A1', 'A2', 'A3', 'B1']);
  }, 120_000);

  it('never (null): nothing is deleted on the server, however many days pass', async () => {
    await append('never', 'N1', 'N2');
    const id = await create('never', null, 'none');
    let h = await held(id);
    expect(h.subjects).toEqual(['N1', 'N2']);
    expect(h.progress).toEqual({ done: 2, total: 2 });
    for (const days of [1, 4, 30, 400, 3650]) {
      advance(days * DAY);
      await pass(id);
      expect(await onServer('never')).toEqual(['N1', 'N2']);
      h = await held(id);
      expect(h.uidls).toHaveLength(2);
      expect(h.subjects).toEqual(['N1', 'N2']);
      expect(h.progress).toEqual({ done: 2, total: 2 });
    }
  }, 120_000);

  it('0 days: deleted on the server at once; the next pass shows no progress left over', async () => {
    await append('atonce', 'Z1', 'Z2');
    const id = await create('atonce', 0, 'starttls');
    expect(await onServer('atonce')).toEqual([]);
    let h = await held(id);
    expect(h.subjects).toEqual(['Z1', 'Z2']);
    expect(h.progress).toEqual({ done: 2, total: 2 });
    await pass(id);
    h = await held(id);
    expect(h.uidls).toHaveLength(2);
    expect(h.subjects).toEqual(['Z1', 'Z2']);
    expect(h.progress).toEqual({ done: 0, total: 0 });
  }, 60_000);
});
