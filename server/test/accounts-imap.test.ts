import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailroomClient } from '@mailroom/sdk';
import { startTestServer, type TestServer } from './harness/app.ts';
import { dovecotInstalled, startDovecot, type Dovecot } from './harness/dovecot.ts';
import { makeWorld, PASSWORD } from './harness/factories.ts';
import { until } from './harness/wait.ts';

// Real Dovecot on loopback; .ci/run installs it. Without it (a laptop) these tests are skipped.
const d = dovecotInstalled() ? describe : describe.skip;

let dv: Dovecot;
let s: TestServer;
let anna: MailroomClient;
let w: Awaited<ReturnType<typeof makeWorld>>;

const message = (i: number, extra = '') =>
  `From: Sender ${i} <sender${i}@example.org>\r\nTo: anna@example.com\r\nSubject: Report ${i}\r\nMessage-ID: <m${i}.${extra}@example.org>\r\nDate: Mon, 23 Nov 2026 10:${String(i % 60).padStart(2, '0')}:00 +0000\r\n\r\nBody of report ${i}.\r\n`;

const settings = (user: string, pass: string, over: Record<string, unknown> = {}) => ({
  name: `${user} mail`, email: `${user}@example.com`, login: user, password: pass,
  incoming: { host: '127.0.0.1', port: dv.imap, security: 'none' as const }, smtp: { host: '127.0.0.1', port: 1, security: 'none' as const },
  ...over,
});

async function entriesOfAccount(accountId: string) {
  const { rows } = await s.deps.db.query<{ entry_id: string; uid: string; path: string; seen: boolean; subject: string }>(
    `select m.entry_id::text, m.uid::text, f.path, e.seen, x.subject from mail_remote_messages m join mail_remote_folders f on f.folder_id = m.folder_id
       join mail_entries e on e.id = m.entry_id join mail_messages x on x.id = e.message_id where m.account_id = $1 order by m.entry_id`,
    [accountId],
  );
  return rows;
}
const ready = (c: MailroomClient, id: string) => until(async () => {
  const a = (await c.accounts.list()).items.find((x) => x.id === id)!;
  if (a.status === 'error') throw new Error(`${a.problem}: ${a.detail}`);
  return a.status === 'ready' && a.lastSyncAt ? a : null;
}, 'account synchronised', 20_000);

d('external IMAP account against Dovecot', () => {
  beforeAll(async () => {
    dv = await startDovecot();
    dv.addUser('anna', 'pw-anna');
    const ca = join(dv.dir, 'ca.pem');
    writeFileSync(ca, dv.ca);
    s = await startTestServer({ accountTlsCaFile: ca, accountTimeoutMs: 2000, accountSyncSeconds: 3600, accountFetchBatch: 7 });
    w = await makeWorld(s.deps);
    anna = await s.signIn(w.alice.login, PASSWORD);
    const c = await dv.imapAs('anna', 'pw-anna');
    for (let i = 1; i <= 60; i++) await c.append('INBOX', message(i), i % 5 === 0 ? ['\\Seen'] : []);
    await c.mailboxCreate('Projects');
    await c.append('Projects', message(100));
    await c.logout();
    // every state an account row goes through, as the account list shows it, kept in order
    await s.deps.db.query(`create table test_account_states (n bigserial primary key, status text, done int, total int)`);
    await s.deps.db.query(`create function test_account_state() returns trigger language plpgsql as $$
      begin insert into test_account_states (status, done, total) values (new.status, new.progress_done, new.progress_total); return new; end $$`);
    await s.deps.db.query(`create trigger test_account_state after insert or update on mail_accounts for each row execute function test_account_state()`);
  }, 60_000);
  afterAll(async () => {
    await s?.stop();
    await dv?.stop();
  });

  let accountId = '';
  it('loads the newest messages first, then the rest, with progress counting up batch by batch; never returns the password', async () => {
    const a = await anna.accounts.create(settings('anna', 'pw-anna', { initialCount: 20 }));
    expect(JSON.stringify(a)).not.toContain('pw-anna');
    expect(a.hasSecret).toBe(true);
    accountId = a.id;
    const done = await ready(anna, a.id);
    expect(done.progress).toEqual({ done: 61, total: 61 });
    // the progress shown meanwhile: "syncing", counting up batch by batch to the total, then ready
    const { rows: states } = await s.deps.db.query<{ status: string; done: number; total: number }>('select status, done, total from test_account_states order by n');
    const during = states.filter((x) => x.status === 'syncing' && x.total === 61);
    expect(during.some((x) => x.done > 0 && x.done < 20)).toBe(true); // the first load, under way
    expect(during.some((x) => x.done >= 20 && x.done < 61)).toBe(true); // the older mail, under way
    expect(during.map((x) => x.done)).toEqual([...during.map((x) => x.done)].sort((x, y) => x - y));
    expect(new Set(during.map((x) => x.done)).size).toBeGreaterThanOrEqual(61 / 7);
    expect(states.filter((x) => x.status === 'ready')[0]).toEqual({ status: 'ready', done: 61, total: 61 });
    const rows = await entriesOfAccount(a.id);
    expect(rows.length).toBe(61);
    // the first 20 entries taken from INBOX are its 20 newest UIDs
    const inboxRows = rows.filter((r) => r.path === 'INBOX');
    expect(inboxRows.slice(0, 20).map((r) => Number(r.uid)).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => 41 + i));
    expect(new Set(inboxRows.map((r) => r.uid)).size).toBe(60);
    expect(inboxRows.find((r) => r.subject === 'Report 5')!.seen).toBe(true);
    // the folder tree: the account's folder with Inbox, Projects, Sent, Trash, Drafts beneath
    const folders = (await anna.mail.folders()).items;
    const top = folders.find((f) => f.name === 'anna mail')!;
    expect(folders.filter((f) => f.parentId === top.id).map((f) => f.name).sort()).toEqual(['Drafts', 'Inbox', 'Projects', 'Sent', 'Trash']);
    expect(top).toMatchObject({ accountId: a.id, accountRole: 'account' });
    expect(folders.filter((f) => f.parentId === top.id).map((f) => [f.name, f.accountRole]).sort()).toEqual([
      ['Drafts', 'drafts'], ['Inbox', 'inbox'], ['Projects', null], ['Sent', 'sent'], ['Trash', 'trash'],
    ]);
    expect(folders.find((f) => f.role === 'inbox')).toMatchObject({ accountId: null, accountRole: null });
    // the secret at rest is sealed: no trace of it in the row
    const { rows: raw } = await s.deps.db.query<{ t: string }>('select row_to_json(a)::text as t from mail_accounts a where id = $1', [a.id]);
    expect(raw[0].t).not.toContain('pw-anna');
    expect(raw[0].t).not.toContain(Buffer.from('pw-anna').toString('hex'));
  });

  it('sealed secrets do not open on another row', async () => {
    const { rows } = await s.deps.db.query<{ secret: Buffer }>('select secret from mail_accounts where id = $1', [accountId]);
    expect(() => s.deps.sealer.open(rows[0].secret, `mail_accounts:${crypto.randomUUID()}:secret`)).toThrow();
    expect(s.deps.sealer.open(rows[0].secret, `mail_accounts:${accountId}:secret`)).toBe('pw-anna');
  });

  it('new mail arrives through IDLE; flags, moves and deletions go both ways', async () => {
    const c = await dv.imapAs('anna', 'pw-anna');
    await c.append('INBOX', message(61, 'new'));
    await until(async () => (await entriesOfAccount(accountId)).some((r) => r.subject === 'Report 61'), 'IDLE delivery', 15_000);

    // server → Mailroom: a flag
    await c.mailboxOpen('INBOX');
    await c.messageFlagsAdd({ header: { subject: 'Report 7' } } as never, ['\\Seen']).catch(async () => {
      const uid = (await c.search({ subject: 'Report 7' }, { uid: true })) as number[];
      await c.messageFlagsAdd(uid, ['\\Seen'], { uid: true });
    });
    await anna.accounts.sync(accountId);
    await until(async () => (await entriesOfAccount(accountId)).find((r) => r.subject === 'Report 7')?.seen, 'seen from the server');

    // Mailroom → server: read, then moved to Projects, then deleted (into the account's Trash)
    const r8 = (await entriesOfAccount(accountId)).find((r) => r.subject === 'Report 8')!;
    await anna.mail.update(r8.entry_id, { seen: true });
    await until(async () => {
      const uids = (await c.search({ subject: 'Report 8', seen: true }, { uid: true })) as number[];
      return uids.length === 1;
    }, 'seen on the server', 25_000);
    const projects = (await anna.mail.folders()).items.find((f) => f.name === 'Projects')!;
    await anna.mail.move([r8.entry_id], projects.id);
    await until(async () => (await entriesOfAccount(accountId)).find((r) => r.entry_id === r8.entry_id)?.path === 'Projects' || null, 'moved mapping');
    const inProjects = await c.getMailboxLock('Projects');
    expect(((await c.search({ subject: 'Report 8' }, { uid: true })) as number[]).length).toBe(1);
    inProjects.release();
    await anna.mail.remove([r8.entry_id]);
    await until(async () => (await entriesOfAccount(accountId)).find((r) => r.entry_id === r8.entry_id)?.path === 'Trash' || null, 'in the account Trash');

    // server → Mailroom: a move (the same entry follows) and a deletion
    await c.mailboxOpen('INBOX');
    const uid9 = (await c.search({ subject: 'Report 9' }, { uid: true })) as number[];
    await c.messageMove(uid9, 'Projects', { uid: true });
    const uid10 = (await c.search({ subject: 'Report 10' }, { uid: true })) as number[];
    await c.messageDelete(uid10, { uid: true });
    await anna.accounts.sync(accountId);
    // a pass that lists INBOX just before the move and Projects just after takes the moved copy as
    // new; the next pass drops the old one: one copy, in Projects, either way
    await until(async () => {
      const rows = await entriesOfAccount(accountId);
      const nines = rows.filter((r) => r.subject === 'Report 9');
      return nines.length === 1 && nines[0].path === 'Projects' && !rows.some((r) => r.subject === 'Report 10');
    }, 'move and delete from the server', 25_000);
    await c.logout();
    // nothing doubled
    const rows = await entriesOfAccount(accountId);
    expect(new Set(rows.map((r) => `${r.path}/${r.uid}`)).size).toBe(rows.length);
  });

  it('a UIDVALIDITY change takes the folder again, cleanly', async () => {
    const before = (await entriesOfAccount(accountId)).filter((r) => r.path === 'Projects');
    dv.doveadm('mailbox', 'update', '-u', 'anna', '--uid-validity', '4242', 'Projects');
    await anna.accounts.sync(accountId);
    await until(async () => {
      const after = (await entriesOfAccount(accountId)).filter((r) => r.path === 'Projects');
      return after.length === before.length && after.every((r) => !before.some((b) => b.entry_id === r.entry_id));
    }, 'folder taken again');
    const { rows } = await s.deps.db.query<{ uidvalidity: string }>(`select uidvalidity::text from mail_remote_folders where account_id = $1 and path = 'Projects'`, [accountId]);
    expect(rows[0].uidvalidity).toBe('4242');
  });

  it('removing the account removes its folders and mail, but keeps mail tied to a business object', async () => {
    // the host application registers a contract Anna may see; she ties one message to it
    const host = s.client({ apiKey: w.apiKey });
    await host.objects.put('contract', 'C-17', { title: 'Contract 17', access: { mode: 'list', userIds: [w.alice.id], groupIds: [], departmentIds: [] } });
    const r3 = (await entriesOfAccount(accountId)).find((r) => r.subject === 'Report 3')!;
    const linked = await anna.http.call<{ items: { externalId: string }[] }>('POST', `/api/v1/mail/entries/${r3.entry_id}/links`, { type: 'contract', id: 'C-17' });
    expect(linked.items.map((o) => o.externalId)).toEqual(['C-17']);
    // someone who may not see the contract cannot tie mail to it, nor see Anna's links
    const bob = await s.signIn(w.bob.login, PASSWORD);
    await expect(bob.http.call('GET', `/api/v1/mail/entries/${r3.entry_id}/links`)).rejects.toMatchObject({ status: 404 });

    await anna.accounts.remove(accountId);
    expect((await anna.mail.folders()).items.some((f) => f.name === 'anna mail')).toBe(false);
    const { rows } = await s.deps.db.query<{ n: number }>('select count(*)::int as n from mail_messages where account_id = $1', [accountId]);
    expect(rows[0].n).toBe(0);
    // the tied message stayed, in Anna's Archive, still tied and readable
    const kept = await anna.mail.get(r3.entry_id);
    expect(kept.subject).toBe('Report 3');
    expect(kept.folderId).toBe((await anna.mail.folders()).items.find((f) => f.role === 'archive')!.id);
    expect((await anna.http.call<{ items: { externalId: string }[] }>('GET', `/api/v1/mail/entries/${r3.entry_id}/links`)).items.map((o) => o.externalId)).toEqual(['C-17']);
  });
});
