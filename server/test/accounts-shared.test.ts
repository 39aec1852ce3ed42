import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, MailroomClient } from '@mailroom/sdk';
import { startTestServer, type TestServer } from './harness/app.ts';
import { dovecotInstalled, startDovecot, type Dovecot } from './harness/dovecot.ts';
import { makeUser, makeWorld, PASSWORD } from './harness/factories.ts';
import { until } from './harness/wait.ts';

// A shared mailbox (info@) on a real Dovecot, filling the mailboxes of the people responsible for it.
const d = dovecotInstalled() ? describe : describe.skip;

let dv: Dovecot;
let s: TestServer;
let admin: MailroomClient;
let alice: MailroomClient;
let bob: MailroomClient;
let carol: MailroomClient;
let w: Awaited<ReturnType<typeof makeWorld>>;

const message = (i: number) =>
  `From: Customer ${i} <customer${i}@example.org>\r\nTo: info@example.com\r\nSubject: Question ${i}\r\nMessage-ID: <q${i}@example.org>\r\n` +
  `Date: Mon, 23 Nov 2026 10:0${i}:00 +0000\r\n\r\nWhen will order ${i} arrive?\r\n`;
const inboxOf = async (c: MailroomClient, accountId: string) => {
  const folders = (await c.mail.folders()).items;
  return folders.find((f) => f.accountId === accountId && f.accountRole === 'inbox') ?? null;
};
const accountIn = async (c: MailroomClient, id: string) => (await c.accounts.list()).items.find((a) => a.id === id);

d('a shared mailbox', () => {
  beforeAll(async () => {
    dv = await startDovecot();
    dv.addUser('info', 'pw-info');
    const c = await dv.imapAs('info', 'pw-info');
    for (let i = 1; i <= 3; i++) await c.append('INBOX', message(i));
    await c.logout();
    s = await startTestServer({ accountTimeoutMs: 2000, accountSyncSeconds: 3600, accountIdle: false });
    w = await makeWorld(s.deps);
    admin = await s.signIn(w.admin.login, PASSWORD);
    alice = await s.signIn(w.alice.login, PASSWORD);
    bob = await s.signIn(w.bob.login, PASSWORD);
    carol = await s.signIn((await makeUser(s.deps, w.org, { name: 'Carol Apart' })).login, PASSWORD);
  }, 60_000);
  afterAll(async () => {
    await s?.stop();
    await dv?.stop();
  });

  let id = '';
  it('an administrator connects it for two people; each finds its mail in their own mailbox', async () => {
    const a = await admin.http.call<Account>('POST', '/api/v1/accounts/shared', {
      name: 'Info', email: 'info@example.com', login: 'info', password: 'pw-info', responsibleIds: [w.alice.id, w.bob.id],
      incoming: { host: '127.0.0.1', port: dv.imap, security: 'none' }, smtp: { host: '127.0.0.1', port: 1, security: 'none' },
    });
    id = a.id;
    expect(a).toMatchObject({ shared: true, responsibleIds: [w.alice.id, w.bob.id].sort() });
    await until(async () => (await accountIn(alice, id))?.status === 'ready', 'synchronised', 20_000);
    for (const c of [alice, bob]) {
      const inbox = await inboxOf(c, id);
      expect(inbox?.total).toBe(3);
      expect((await c.mail.list(inbox!.id)).items.map((m) => m.subject).sort()).toEqual(['Question 1', 'Question 2', 'Question 3']);
    }
    // the body is kept once per mailbox that holds it; a person not responsible sees nothing of it
    expect(await accountIn(carol, id)).toBeUndefined();
    expect(await inboxOf(carol, id)).toBeNull();
    await expect(carol.accounts.sync(id)).rejects.toMatchObject({ status: 404 });
    expect((await admin.http.call<{ items: Account[] }>('GET', '/api/v1/accounts/shared')).items.map((x) => x.id)).toEqual([id]);
    await expect(alice.http.call('GET', '/api/v1/accounts/shared')).rejects.toMatchObject({ status: 403 });
    // an administrator who is not responsible may reconnect and check it, but does not get its mail
    expect((await admin.accounts.sync(id)).id).toBe(id);
    expect((await admin.accounts.checkSaved(id, false)).ok).toBe(true);
    expect(await inboxOf(admin, id)).toBeNull();
  });

  it('what one person does shows for the other after the next pass (read, moved to Trash)', async () => {
    const aliceInbox = (await inboxOf(alice, id))!;
    const q1 = (await alice.mail.list(aliceInbox.id)).items.find((m) => m.subject === 'Question 1')!;
    await alice.mail.update(q1.id, { seen: true });
    const bobInbox = (await inboxOf(bob, id))!;
    await until(async () => (await bob.mail.list(bobInbox.id)).items.find((m) => m.subject === 'Question 1')?.seen, 'read for Bob too', 20_000);
    const q2 = (await alice.mail.list(aliceInbox.id)).items.find((m) => m.subject === 'Question 2')!;
    await alice.mail.remove([q2.id]);
    await until(async () => !(await bob.mail.list(bobInbox.id)).items.some((m) => m.subject === 'Question 2'), 'gone from Bob\'s Inbox', 20_000);
  });

  it('only administrators manage it; a person taken off loses its folders', async () => {
    await expect(alice.accounts.update(id, { name: 'Mine now' })).rejects.toMatchObject({ status: 404 });
    await expect(alice.accounts.remove(id)).rejects.toMatchObject({ status: 404 });
    const after = await admin.http.call<Account>('PUT', `/api/v1/accounts/${id}/responsible`, { userIds: [w.alice.id] });
    expect(after.responsibleIds).toEqual([w.alice.id]);
    expect(await inboxOf(bob, id)).toBeNull();
    await expect(bob.accounts.sync(id)).rejects.toMatchObject({ status: 404 });
    expect((await inboxOf(alice, id))?.total).toBeGreaterThan(0);
    await expect(admin.http.call('PUT', `/api/v1/accounts/${id}/responsible`, { userIds: [crypto.randomUUID()] })).rejects.toMatchObject({ status: 400, field: 'responsibleIds' });
    await admin.accounts.remove(id);
    expect(await inboxOf(alice, id)).toBeNull();
  });
});
