import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailroomError, type MailroomClient } from '@mailroom/sdk';
import { startTestServer, type TestServer } from './harness/app.ts';
import { dovecotInstalled, startDovecot, type Dovecot } from './harness/dovecot.ts';
import { makeWorld, PASSWORD } from './harness/factories.ts';
import { until } from './harness/wait.ts';

// Real Dovecot on loopback (installed by .ci/run) and a scripted SMTP server (smtp-server).
const d = dovecotInstalled() ? describe : describe.skip;

let dv: Dovecot;
let s: TestServer;
let smtp: SMTPServer;
let smtpPort = 0;
let alice: MailroomClient;
let bob: MailroomClient;
let world: Awaited<ReturnType<typeof makeWorld>>;
const received: { from: string; to: string[]; data: string }[] = [];
/** Recipients the scripted server refuses at RCPT (a 5xx). */
const refuse = new Set(['nobody@refused.example']);

const html = (i: number) =>
  `From: Shop ${i % 2} <shop${i % 2}@example.org>\r\nTo: lena@example.com\r\nSubject: Offer ${i}\r\nMessage-ID: <offer${i}@example.org>\r\n` +
  `Date: Mon, 23 Nov 2026 09:${String(i).padStart(2, '0')}:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n` +
  `<p>Offer ${i}</p><img src="http://127.0.0.1:9/pixel${i}.png" alt="logo"><script>alert(1)</script>\r\n`;

const settings = (over: Record<string, unknown> = {}) => ({
  name: 'Lena mail', email: 'lena@example.com', login: 'lena', password: 'pw-lena',
  incoming: { host: '127.0.0.1', port: dv.imap, security: 'none' as const }, smtp: { host: '127.0.0.1', port: smtpPort, security: 'none' as const },
  ...over,
});

d('light mode, remote images and sending through an outside account', () => {
  beforeAll(async () => {
    dv = await startDovecot();
    dv.addUser('lena', 'pw-lena');
    const ca = join(dv.dir, 'ca.pem');
    writeFileSync(ca, dv.ca);
    smtp = new SMTPServer({
      authOptional: false, disabledCommands: ['STARTTLS'], allowInsecureAuth: true,
      onAuth: (a, _s, cb) => (a.username === 'lena' && a.password === 'pw-lena' ? cb(null, { user: 'lena' }) : cb(new Error('Invalid credentials'))),
      onRcptTo: (a, _s, cb) => (refuse.has(a.address) ? cb(Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 })) : cb()),
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString() });
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    smtpPort = (smtp.server.address() as { port: number }).port;
    s = await startTestServer({ accountTlsCaFile: ca, accountTimeoutMs: 2000, accountSyncSeconds: 3600, accountIdle: false });
    world = await makeWorld(s.deps);
    alice = await s.signIn(world.alice.login, PASSWORD);
    bob = await s.signIn(world.bob.login, PASSWORD);
    const c = await dv.imapAs('lena', 'pw-lena');
    for (let i = 1; i <= 12; i++) await c.append('INBOX', html(i));
    await c.mailboxCreate('Archive 2025');
    await c.append('Archive 2025', html(40));
    await c.logout();
  }, 60_000);
  afterAll(async () => {
    await s?.stop();
    await dv?.stop();
    await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
  });

  let light = '';
  it('light mode browses the server on demand and stores nothing until asked', async () => {
    light = (await alice.accounts.create(settings({ mode: 'light' }))).id;
    const folders = (await alice.accounts.remoteFolders(light)).items;
    expect(folders.find((f) => f.path === 'INBOX')).toMatchObject({ name: 'Inbox', messages: 12 });
    expect(folders.find((f) => f.path === 'Archive 2025')?.messages).toBe(1);
    expect(folders.find((f) => f.path === 'Sent')?.specialUse).toBe('\\Sent');
    // the account's state is the last contact with its server
    expect((await alice.accounts.list()).items.find((a) => a.id === light)).toMatchObject({ status: 'ready', problem: null });

    // newest first, paged by UID
    const first = await alice.accounts.remoteMessages(light, { folder: 'INBOX', limit: 5 });
    expect(first.items.map((m) => m.subject)).toEqual(['Offer 12', 'Offer 11', 'Offer 10', 'Offer 9', 'Offer 8']);
    expect(first.items[0].from).toEqual({ name: 'Shop 0', email: 'shop0@example.org' });
    const rest = await alice.accounts.remoteMessages(light, { folder: 'INBOX', limit: 5, before: first.nextBefore! });
    const last = await alice.accounts.remoteMessages(light, { folder: 'INBOX', limit: 5, before: rest.nextBefore! });
    expect([...rest.items, ...last.items].map((m) => m.subject)).toEqual(['Offer 7', 'Offer 6', 'Offer 5', 'Offer 4', 'Offer 3', 'Offer 2', 'Offer 1']);
    expect(last.nextBefore).toBeNull();

    // reading a message: sanitised, images held back, and the server's \Seen left alone
    const one = await alice.accounts.remoteMessage(light, 'INBOX', first.items[0].uid);
    expect(one.html).toContain('data-remote-src="http://127.0.0.1:9/pixel12.png"');
    expect(one.html).not.toMatch(/<script|\ssrc=/i);
    expect((await alice.accounts.remoteMessages(light, { folder: 'INBOX', limit: 1 })).items[0].seen).toBe(false);
    const { rows } = await s.deps.db.query<{ n: number }>('select count(*)::int as n from mail_messages where account_id = $1', [light]);
    expect(rows[0].n).toBe(0);

    // a folder the server does not have, a message it does not have
    await expect(alice.accounts.remoteMessages(light, { folder: 'Nope' })).rejects.toMatchObject({ status: 404 });
    await expect(alice.accounts.remoteMessage(light, 'INBOX', 9999)).rejects.toMatchObject({ status: 404 });
  });

  let imported: string[] = [];
  it('imports chosen messages once, under the account, searchable', async () => {
    const page = await alice.accounts.remoteMessages(light, { folder: 'INBOX', limit: 3 });
    imported = (await alice.accounts.importRemote(light, 'INBOX', page.items.map((m) => m.uid))).entryIds;
    expect(imported).toHaveLength(3);
    const again = await alice.accounts.importRemote(light, 'INBOX', page.items.map((m) => m.uid));
    expect(again.entryIds.sort()).toEqual([...imported].sort());
    const top = (await alice.mail.folders()).items.find((f) => f.name === 'Lena mail')!;
    expect(top.total).toBe(3);
    const found = await alice.mail.search({ q: 'Offer' });
    expect(found.items.map((m) => m.id).sort()).toEqual([...imported].sort());
    // the person next door sees none of it
    await expect(bob.mail.get(imported[0])).rejects.toMatchObject({ status: 404 });
    await expect(bob.accounts.remoteFolders(light)).rejects.toMatchObject({ status: 404 });
  });

  it('remote images load only when allowed, for the message or for its sender', async () => {
    const [a, b, c] = await Promise.all(imported.map((id) => alice.mail.get(id)));
    const bySender = (x: typeof a) => [a, b, c].filter((m) => m.fromAddress === x.fromAddress);
    expect([a, b, c].every((m) => !m.remoteImages && m.html.includes('data-remote-src'))).toBe(true);
    expect((await alice.mail.allowImages(a.id, 'message')).remoteImages).toBe(true);
    // another message from the same shop is still blocked
    const sibling = bySender(a).find((m) => m.id !== a.id)!;
    expect((await alice.mail.get(sibling.id)).remoteImages).toBe(false);
    // "always from this sender": every message of that address, for this person only
    await alice.mail.allowImages(sibling.id, 'sender');
    for (const m of bySender(a)) expect((await alice.mail.get(m.id)).remoteImages).toBe(true);
    const other = [a, b, c].find((m) => m.fromAddress !== a.fromAddress)!;
    expect((await alice.mail.get(other.id)).remoteImages).toBe(false);
    // internal mail has no remote images to allow
    const internal = await alice.mail.send({ to: [{ kind: 'user', id: world.bob.id }], subject: 'Inside', html: '<p>hi</p>' });
    await expect(alice.mail.allowImages(internal.id, 'message')).rejects.toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    await expect(bob.mail.allowImages(a.id, 'sender')).rejects.toMatchObject({ status: 404 });
  });

  it('sends over the account\'s SMTP with bcc kept out of the headers, and keeps the copy in the server\'s Sent once', async () => {
    const full = (await alice.accounts.create(settings({ name: 'Lena full', initialCount: 50 }))).id;
    await until(async () => (await alice.accounts.list()).items.find((a) => a.id === full)?.status === 'ready', 'first sync', 20_000);
    const upload = await alice.mail.upload('offer.txt', new TextEncoder().encode('terms and prices'), 'text/plain');
    const sent = await alice.mail.send({
      accountId: full, to: [{ kind: 'user', id: world.bob.id }], toAddresses: ['client@example.net'], bccAddresses: ['boss@example.net'],
      subject: 'Проект договора', html: '<p>Добрый день, договор во вложении.</p>', attachments: [{ uploadId: upload.uploadId }],
    });
    expect(sent.accountId).toBe(full);
    const got = received.at(-1)!;
    expect(got.from).toBe('lena@example.com');
    expect(got.to.sort()).toEqual(['boss@example.net', 'client@example.net', world.bob.email].sort());
    expect(got.data).not.toMatch(/^bcc:/im);
    expect(got.data).toMatch(/^From: .*<lena@example\.com>/m);
    expect(got.data).toContain('offer.txt');

    // on the server: one copy in Sent, \Seen
    const c = await dv.imapAs('lena', 'pw-lena');
    await c.mailboxOpen('Sent');
    const onServer = (await c.search({ subject: 'Проект договора' }, { uid: true })) as number[];
    expect(onServer).toHaveLength(1);
    await c.logout();
    // in Mailroom: in the account's Sent, linked to that UID; a pass does not take it twice
    const sentFolder = (await alice.mail.folders()).items.find((f) => f.name === 'Sent' && f.parentId !== null)!;
    expect(sent.folderId).toBe(sentFolder.id);
    await alice.accounts.sync(full);
    await until(async () => (await alice.accounts.list()).items.find((a) => a.id === full)?.status === 'ready', 'pass after sending', 20_000);
    const copies = await s.deps.db.query<{ n: number }>(
      `select count(*)::int as n from mail_messages where account_id = $1 and subject = 'Проект договора'`, [full],
    );
    expect(copies.rows[0].n).toBe(1);
    const link = await s.deps.db.query<{ uid: string }>('select uid::text from mail_remote_messages where entry_id = $1', [sent.id]);
    expect(Number(link.rows[0].uid)).toBe(onServer[0]);
  });

  it('a refusal by the SMTP server is explained and nothing is kept', async () => {
    const before = received.length;
    const err = await alice.mail.send({ accountId: light, toAddresses: ['nobody@refused.example'], subject: 'Lost', html: '<p>x</p>' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailroomError);
    expect(err).toMatchObject({ status: 502, code: 'MAIL_SERVER_FAILED', problem: 'SEND_REFUSED' });
    expect(received.length).toBe(before);
    const { rows } = await s.deps.db.query<{ n: number }>(`select count(*)::int as n from mail_messages where subject = 'Lost'`);
    expect(rows[0].n).toBe(0);
    // header injection through a field is refused before anything leaves
    await expect(alice.mail.send({ accountId: light, toAddresses: ['a@example.net'], subject: 'Hi\r\nBcc: evil@example.net', html: '' })).rejects.toMatchObject({ status: 400 });
    await expect(alice.mail.send({ accountId: light, toAddresses: ['a@example.net\r\nRCPT TO:<x@y.z>'], subject: 'Hi', html: '' })).rejects.toMatchObject({ status: 400 });
    // "check account" while editing: the changes are checked with the stored password, nothing saved
    expect((await alice.accounts.checkSaved(light, false)).ok).toBe(true);
    const badPort = await alice.accounts.checkSaved(light, false, { incoming: { host: '127.0.0.1', port: 1, security: 'none' } });
    expect(badPort.steps[0]).toMatchObject({ step: 'connect', ok: false, problem: 'CONNECTION_REFUSED' });
    const badPassword = await alice.accounts.checkSaved(light, false, { password: 'not-it' });
    expect(badPassword.steps.find((st) => !st.ok)).toMatchObject({ problem: 'AUTH_FAILED' });
    expect((await alice.accounts.list()).items.find((a) => a.id === light)?.incoming.port).toBe(dv.imap);
    // a light account whose password changed on the server says so on "Reconnect"
    const wrong = (await alice.accounts.create(settings({ name: 'Wrong', mode: 'light', password: 'not-it' }))).id;
    expect(await alice.accounts.sync(wrong)).toMatchObject({ status: 'error', problem: 'AUTH_FAILED' });
    await alice.accounts.remove(wrong);
    // someone else's account cannot be sent from
    await expect(bob.mail.send({ accountId: light, toAddresses: ['a@example.net'], subject: 'Hi', html: '' })).rejects.toMatchObject({ status: 404 });
  });

  it('an imported message can be tied to a business object; removing the account keeps that one and removes the rest it imported', async () => {
    const host = s.client({ apiKey: world.apiKey });
    await host.objects.put('contract', 'L-5', { title: 'Supply contract 5', access: { mode: 'list', userIds: [world.alice.id], groupIds: [], departmentIds: [] } });
    const [tied, ...others] = imported;
    const linked = await alice.mail.link(tied, 'contract', 'L-5');
    expect(linked.items.map((o) => o.externalId)).toEqual(['L-5']);
    await alice.accounts.remove(light);
    expect((await alice.mail.folders()).items.some((f) => f.name === 'Lena mail')).toBe(false);
    for (const id of others) await expect(alice.mail.get(id)).rejects.toMatchObject({ status: 404 });
    // the tied one is in Alice's Archive, still tied and readable, its original still downloadable
    const kept = await alice.mail.get(tied);
    expect(kept.subject).toMatch(/^Offer \d+$/);
    expect(kept.folderId).toBe((await alice.mail.folders()).items.find((f) => f.role === 'archive')!.id);
    expect((await alice.mail.links(tied)).items.map((o) => o.externalId)).toEqual(['L-5']);
    const raw = await fetch(alice.mail.rawUrl(tied), { headers: { cookie: alice.http.cookie! } });
    expect(raw.status).toBe(200);
    expect(await raw.text()).toContain('Subject: Offer');
  });
});
