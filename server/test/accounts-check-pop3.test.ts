import { createHash } from 'node:crypto';
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
    for (const u of ['anna', 'pop', 'corpus']) dv.addUser(u, `pw-${u}`);
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

  it('every corpus message survives IMAP -> storage -> display: no crash, raw kept, text shown', async () => {
    const root = new URL('../../../shared/corpora/', import.meta.url).pathname;
    const files = [
      ...['mime4j-testmsgs', 'python-email-testdata', 'mailparser-fixtures', 'postal-mime-fixtures'].flatMap((dir) =>
        readdirSync(join(root, dir)).filter((f) => /\.(msg|eml)$|^msg_\d+[a-z]?\.txt$/.test(f)).map((f) => join(root, dir, f))),
    ];
    expect(files.length).toBeGreaterThan(80);
    const c = await dv.imapAs('corpus', 'pw-corpus');
    for (const f of files) await c.append('INBOX', readFileSync(f));
    await c.logout();
    const a = await anna.accounts.create({ ...base(), name: 'Corpus', email: 'corpus@example.com', login: 'corpus', password: 'pw-corpus', incoming: { host: '127.0.0.1', port: dv.imap, security: 'none' }, initialCount: 500 });
    await until(async () => {
      const x = (await anna.accounts.list()).items.find((y) => y.id === a.id)!;
      if (x.status === 'error') throw new Error(`${x.problem} ${x.detail}`);
      return x.status === 'ready' && x.progress.done === files.length;
    }, 'corpus synchronised', 60_000);
    const { rows } = await s.deps.db.query<{ entry_id: string; raw_sha256: string; raw_pack: string | null }>(
      `select r.entry_id::text, m.raw_sha256, m.raw_pack::text from mail_remote_messages r join mail_entries e on e.id = r.entry_id join mail_messages m on m.id = e.message_id
        where r.account_id = $1`,
      [a.id],
    );
    expect(rows.length).toBe(files.length);
    // the originals went into packs, a batch to a pack
    expect(rows.every((r) => r.raw_pack)).toBe(true);
    expect(new Set(rows.map((r) => r.raw_pack)).size).toBeLessThan(rows.length);
    for (const r of rows) {
      const m = await anna.mail.get(r.entry_id);
      expect(m.hasRaw).toBe(true);
      expect(typeof m.text).toBe('string');
      expect(m.html).not.toMatch(/<script|onerror=|javascript:/i);
      const raw = await fetch(anna.mail.rawUrl(r.entry_id), { headers: { cookie: anna.http.cookie! } });
      expect(raw.status).toBe(200);
      // byte for byte what the server sent (its hash was taken as it came)
      expect(createHash('sha256').update(Buffer.from(await raw.arrayBuffer())).digest('hex')).toBe(r.raw_sha256);
    }
  }, 120_000);
});
