import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailroomClient } from '@mailroom/sdk';
import { startTestServer, type TestServer } from './harness/app.ts';
import { dovecotInstalled, startDovecot, type Dovecot } from './harness/dovecot.ts';
import { makeWorld, PASSWORD } from './harness/factories.ts';
import { until } from './harness/wait.ts';

const d = dovecotInstalled() ? describe : describe.skip;
let dv: Dovecot;
let s: TestServer;
let anna: MailroomClient;
let smtp: SMTPServer;
let smtpPort = 0;
const received: string[] = [];


d('check account, POP3 and the MIME corpora against Dovecot', () => {
  beforeAll(async () => {
    dv = await startDovecot();
    for (const u of ['anna', 'pop', 'corpus', 'broken']) dv.addUser(u, `pw-${u}`);
    const ca = join(dv.dir, 'ca.pem');
    writeFileSync(ca, dv.ca);
    // a scripted SMTP server on loopback: accepts anna/pw-anna, keeps what it receives
    smtp = new SMTPServer({
      authOptional: false, disabledCommands: ['STARTTLS'], allowInsecureAuth: true,
      onAuth: (a, _s, cb) => (a.username === 'anna' && a.password === 'pw-anna' ? cb(null, { user: 'anna' }) : cb(new Error('Invalid credentials'))),
      onData: (stream, _s, cb) => {
        let data = '';
        stream.on('data', (c) => (data += c));
        stream.on('end', () => (received.push(data), cb()));
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    smtpPort = (smtp.server.address() as { port: number }).port;
    s = await startTestServer({ accountTlsCaFile: ca, accountTimeoutMs: 1500, accountSyncSeconds: 3600, accountIdle: false });
    anna = await s.signIn((await makeWorld(s.deps)).alice.login, PASSWORD);
  }, 60_000);
  afterAll(async () => {
    await s?.stop();
    await dv?.stop();
    await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
  });

  const base = () => ({
    name: 'Work', email: 'anna@example.com', login: 'anna', password: 'pw-anna',
    incoming: { host: '127.0.0.1', port: dv.imaps, security: 'tls' as const }, smtp: { host: '127.0.0.1', port: smtpPort, security: 'none' as const },
  });

  it('passes every step with the right settings and sends the test message', async () => {
    const r = await anna.accounts.check({ ...base(), sendTest: true });
    expect(r.steps.map((x) => [x.step, x.ok])).toEqual([['connect', true], ['login', true], ['folders', true], ['send', true]]);
    expect(r.folders).toContain('INBOX');
    expect(received.some((m) => /Subject: Mailroom: test message/.test(m))).toBe(true);
  });

  it('names the problem: wrong password, wrong port, TLS mismatch either way', async () => {
    const problem = async (over: object) => (await anna.accounts.check({ ...base(), ...over, sendTest: false })).steps.find((x) => !x.ok)?.problem;
    expect(await problem({ password: 'wrong' })).toBe('AUTH_FAILED');
    expect(await problem({ incoming: { host: '127.0.0.1', port: 1, security: 'tls' } })).toBe('CONNECTION_REFUSED');
    expect(await problem({ incoming: { host: '127.0.0.1', port: dv.imap, security: 'tls' } })).toBe('TLS_MISMATCH');
    expect(await problem({ incoming: { host: '127.0.0.1', port: dv.imaps, security: 'none' } })).toBe('TLS_MISMATCH');
    const smtpWrong = await anna.accounts.check({ ...base(), password: 'pw-anna', smtp: { host: '127.0.0.1', port: smtpPort, security: 'tls' }, sendTest: true });
    expect(smtpWrong.steps.find((x) => x.step === 'send')!.problem).toBe('TLS_MISMATCH');
  });

  it('POP3 downloads by UIDL once, and deletes on the server only after the days to leave it', async () => {
    const c = await dv.imapAs('pop', 'pw-pop');
    for (let i = 1; i <= 3; i++) await c.append('INBOX', `From: x${i}@example.org\r\nSubject: Pop ${i}\r\nMessage-ID: <p${i}@example.org>\r\n\r\nhello ${i}\r\n`);
    const a = await anna.accounts.create({
      name: 'Pop box', email: 'pop@example.com', login: 'pop', password: 'pw-pop', protocol: 'pop3', leaveOnServerDays: 0,
      incoming: { host: '127.0.0.1', port: dv.pop3, security: 'starttls' }, smtp: { host: '127.0.0.1', port: smtpPort, security: 'none' },
    });
    await until(async () => (await anna.accounts.list()).items.find((x) => x.id === a.id)?.status === 'ready', 'pop3 pass', 15_000);
    const { rows } = await s.deps.db.query<{ n: number }>('select count(*)::int as n from mail_remote_messages where account_id = $1', [a.id]);
    expect(rows[0].n).toBe(3);
    // leaveOnServerDays 0: gone from the server after the pass
    const status = await c.status('INBOX', { messages: true });
    expect(status && status.messages).toBe(0);
    // a second pass takes nothing twice
    await anna.accounts.sync(a.id);
    await until(async () => (await anna.accounts.list()).items.find((x) => x.id === a.id)?.status === 'ready', 'second pass');
    expect((await s.deps.db.query<{ n: number }>('select count(*)::int as n from mail_remote_messages where account_id = $1', [a.id])).rows[0].n).toBe(3);
    await c.logout();
  });

  it('a message the parser gives up on is kept: subject, sender and words from its text, the reason, the original byte for byte', async () => {
    // multipart nested 3,000 deep: mailparser refuses it ("Max allowed child nodes exceeded")
    let nested = '';
    for (let i = 0; i < 3000; i++) nested += `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`;
    const raw = Buffer.from(
      `From: "Olga Nowak" <olga@example.pl>\r\nTo: broken@example.com\r\nSubject: Faktura nieczytelna\r\nMessage-ID: <nested@example.pl>\r\nMIME-Version: 1.0\r\n${nested}Content-Type: text/plain\r\n\r\ndeep inside\r\n`,
    );
    const c = await dv.imapAs('broken', 'pw-broken');
    await c.append('INBOX', 'From: a@example.org\r\nSubject: Readable\r\nMessage-ID: <fine@example.org>\r\n\r\nplain text\r\n');
    await c.logout();
    // Dovecot's APPEND refuses such a message, but its Maildir (made by the APPEND above) serves one
    // that arrived otherwise
    const file = join(dv.dir, 'mail', 'broken', 'new', `1900000001.M1P1.test,S=${raw.length}`);
    writeFileSync(file, raw);
    if (process.getuid?.() === 0) execFileSync('chown', ['8:8', file]);
    const a = await anna.accounts.create({ ...base(), name: 'Broken', email: 'broken@example.com', login: 'broken', password: 'pw-broken', incoming: { host: '127.0.0.1', port: dv.imap, security: 'none' } });
    await until(async () => {
      const x = (await anna.accounts.list()).items.find((y) => y.id === a.id)!;
      if (x.status === 'error') throw new Error(`${x.problem} ${x.detail}`);
      return x.status === 'ready' && x.progress.done === 2;
    }, 'both messages synchronised', 30_000);
    const { rows } = await s.deps.db.query<{ entry_id: string; header_id: string }>('select entry_id::text, header_id from mail_remote_messages where account_id = $1', [a.id]);
    const entryOf = new Map(rows.map((r) => [r.header_id, r.entry_id]));
    const broken = await anna.mail.get(entryOf.get('<nested@example.pl>')!);
    expect(broken.subject).toBe('Faktura nieczytelna');
    expect(broken.sender).toMatchObject({ kind: 'external', email: 'olga@example.pl', name: 'Olga Nowak' });
    expect(broken.problem).toMatch(/child nodes/i);
    // and its words, found outside the parts it could not take apart
    expect(broken.text).toBe('deep inside');
    expect(broken.hasRaw).toBe(true);
    const got = await fetch(anna.mail.rawUrl(broken.id), { headers: { cookie: anna.http.cookie! } });
    expect(got.status).toBe(200);
    // Dovecot gives back what it was given (CRLF line ends), so the download is the message as sent
    expect(Buffer.from(await got.arrayBuffer()).equals(raw)).toBe(true);
    // the readable one beside it is untouched, and the broken one is found by its subject
    expect((await anna.mail.get(entryOf.get('<fine@example.org>')!)).problem).toBeNull();
    const found = await anna.mail.search({ q: 'nieczytelna' });
    expect(found.items.map((i) => i.id)).toEqual([broken.id]);
  });

  it('every corpus message survives IMAP -> storage -> display: no crash, raw kept, text shown', async () => {
    const root = new URL('../../../shared/corpora/', import.meta.url).pathname;
    const files = [
      ...['mime4j-testmsgs', 'python-email-testdata', 'mailparser-fixtures', 'postal-mime-fixtures'].flatMap((dir) =>
        readdirSync(join(root, dir)).filter((f) => /\.(msg|eml)$|^msg_\d+[a-z]?\.txt$/.test(f)).map((f) => join(root, dir, f))),
    ];
    // 32 from mime4j, 47 from python-email, 10 from mailparser, 5 from postal-mime
    expect(files.length).toBe(94);
    const c = await dv.imapAs('corpus', 'pw-corpus');
    for (const f of files) await c.append('INBOX', readFileSync(f));
    await c.logout();
    const a = await anna.accounts.create({ ...base(), name: 'Corpus', email: 'corpus@example.com', login: 'corpus', password: 'pw-corpus', incoming: { host: '127.0.0.1', port: dv.imap, security: 'none' }, initialCount: 500 });
    await until(async () => {
      const x = (await anna.accounts.list()).items.find((y) => y.id === a.id)!;
      if (x.status === 'error') throw new Error(`${x.problem} ${x.detail}`);
      return x.status === 'ready' && x.progress.done === files.length;
    }, 'corpus synchronised', 60_000);
    // in UID order, which is the order they were appended in
    const { rows } = await s.deps.db.query<{ entry_id: string; raw_sha256: string; raw_pack: string | null }>(
      `select r.entry_id::text, m.raw_sha256, m.raw_pack::text from mail_remote_messages r join mail_entries e on e.id = r.entry_id join mail_messages m on m.id = e.message_id
        where r.account_id = $1 order by r.uid`,
      [a.id],
    );
    expect(rows.length).toBe(files.length);
    // the originals went into packs, a batch to a pack
    expect(rows.every((r) => r.raw_pack)).toBe(true);
    expect(new Set(rows.map((r) => r.raw_pack)).size).toBeLessThan(rows.length);
    // messages whose words lie outside any part the parser finds (no headers, no blank line after
    // them, a boundary cut short, mistyped or missing): their text is shown as it came
    const outside: Record<string, string> = {
      'malformedHeader-noheader.msg': 'simple message not having headers', 'missing-boundary.msg': 'AAA', 'ending-boundaries.msg': 'first part',
      'msg_17.txt': 'This is the dingus fish', 'msg_25.txt': 'Too many hops', 'msg_31.txt': 'message 2', 'msg_35.txt': 'no separating newline', 'msg_41.txt': 'Blah blah blah',
    };
    // and those with nothing to show: empty parts, only headers, an empty HTML page
    const empty = ['msg_08.txt', 'msg_09.txt', 'msg_12.txt', 'msg_12a.txt', 'msg_18.txt', 'msg_24.txt', 'msg_40.txt'];
    const blank: string[] = [];
    for (const [i, r] of rows.entries()) {
      const name = files[i].split('/').pop()!;
      const m = await anna.mail.get(r.entry_id);
      expect(m.hasRaw).toBe(true);
      if (outside[name]) {
        expect(m.text, name).toContain(outside[name]);
        expect(m.problem, name).toBe('NO_READABLE_PART');
      }
      if (!m.text.trim() && !m.attachments.length) blank.push(name);
      expect(m.html).not.toMatch(/<script|onerror=|javascript:/i);
      const raw = await fetch(anna.mail.rawUrl(r.entry_id), { headers: { cookie: anna.http.cookie! } });
      expect(raw.status).toBe(200);
      // byte for byte what the server sent (its hash was taken as it came)
      expect(createHash('sha256').update(Buffer.from(await raw.arrayBuffer())).digest('hex')).toBe(r.raw_sha256);
    }
    expect(blank.sort()).toEqual(empty.sort());
  }, 120_000);
});
