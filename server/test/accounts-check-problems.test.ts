import dns from 'node:dns';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import net, { type LookupFunction } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountProblem } from '@mailroom/contract';
import type { MailroomClient } from '@mailroom/sdk';
import { enAccounts } from '../../web/src/i18n/en.accounts.ts';
import { plAccounts } from '../../web/src/i18n/pl.accounts.ts';
import { ruAccounts } from '../../web/src/i18n/ru.accounts.ts';
import { startTestServer, type TestServer } from './harness/app.ts';
import { dovecotInstalled, startDovecot, type Dovecot } from './harness/dovecot.ts';
import { makeWorld, PASSWORD } from './harness/factories.ts';

// "Check account" names each failure so that the client can say what to do. Scripted servers on
// 127.0.0.1 play the providers; names are resolved by an injected lookup, never by DNS.
const TIMEOUT_MS = 1000;
const KNOWN = 'mail.mailroom.test'; // the injected lookup answers 127.0.0.1
const UNKNOWN = 'no-such-server.mailroom.test'; // the injected lookup answers ENOTFOUND
const asked: string[] = [];
const lookup: LookupFunction = (hostname, options, callback) => {
  asked.push(hostname);
  if (hostname === KNOWN) {
    if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
    else callback(null, '127.0.0.1', 4);
    return;
  }
  const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname });
  callback(err, '', 4);
};

// a name that reaches the system resolver (getaddrinfo, or nodemailer's own DNS queries) fails the
// file; addresses still go to getaddrinfo (listen() asks it about 127.0.0.1; no query is sent for one)
const leaked: string[] = [];
type Resolve = (this: dns.Resolver, host: string, ...rest: unknown[]) => void;
const saved = { lookup: dns.lookup, resolve4: dns.Resolver.prototype.resolve4, resolve6: dns.Resolver.prototype.resolve6 };
function guardDns() {
  const refuse = (host: string, rest: unknown[]) => {
    leaked.push(host);
    const cb = rest.at(-1) as (err: Error) => void;
    setImmediate(() => cb(Object.assign(new Error(`refused in tests: ${host}`), { code: 'ELEAKED' })));
  };
  (dns as { lookup: unknown }).lookup = (host: string, ...rest: unknown[]) =>
    net.isIP(host) ? (saved.lookup as (...a: unknown[]) => void).call(dns, host, ...rest) : refuse(host, rest);
  for (const m of ['resolve4', 'resolve6'] as const) (dns.Resolver.prototype as unknown as Record<string, Resolve>)[m] = (host, ...rest) => refuse(host, rest);
}
function restoreDns() {
  (dns as { lookup: unknown }).lookup = saved.lookup;
  dns.Resolver.prototype.resolve4 = saved.resolve4;
  dns.Resolver.prototype.resolve6 = saved.resolve6;
}

/** A TCP server on 127.0.0.1 that sends `greeting` (null: nothing, ever) and answers each line through `answer`. */
const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();
async function scripted(greeting: string | null, answer: (line: string, write: (s: string) => void, socket: net.Socket, state: Record<string, string>) => void = () => {}) {
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    const state: Record<string, string> = {};
    const write = (s: string) => socket.writable && socket.write(s);
    let buf = '';
    socket.on('data', (d) => {
      buf += d.toString('latin1');
      for (let i = buf.indexOf('\r\n'); i >= 0; i = buf.indexOf('\r\n')) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        answer(line, write, socket, state);
      }
    });
    if (greeting !== null) write(greeting);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  servers.push(server);
  return (server.address() as net.AddressInfo).port;
}

/**
 * An IMAP server that greets without capabilities (so the client asks), answers CAPABILITY, ID,
 * NOOP and LOGOUT, and answers the sign-in (LOGIN, or AUTHENTICATE PLAIN with or without an
 * initial response) with `signIn`; null: never answers it.
 */
const imapServer = (caps: string, signIn: string | null) =>
  scripted('* OK Scripted IMAP4rev1 server ready\r\n', (line, write, socket, state) => {
    if (state.authTag) {
      // the client's answer to "+": the SASL PLAIN response
      const tag = state.authTag;
      delete state.authTag;
      if (signIn) write(`${tag} ${signIn}\r\n`);
      return;
    }
    const [tag, command = '', ...args] = line.split(' ');
    switch (command.toUpperCase()) {
      case 'CAPABILITY':
        return write(`* CAPABILITY ${caps}\r\n${tag} OK CAPABILITY completed\r\n`);
      case 'ID':
        return write(`* ID NIL\r\n${tag} OK ID completed\r\n`);
      case 'NOOP':
        return write(`${tag} OK NOOP completed\r\n`);
      case 'LOGIN':
        if (signIn) write(`${tag} ${signIn}\r\n`);
        return;
      case 'AUTHENTICATE':
        if (args.length > 1) {
          if (signIn) write(`${tag} ${signIn}\r\n`);
        } else {
          state.authTag = tag;
          write('+ \r\n');
        }
        return;
      case 'LOGOUT':
        write(`* BYE Logging out\r\n${tag} OK LOGOUT completed\r\n`);
        socket.end();
        return;
      default:
        write(`${tag} BAD Unknown command\r\n`);
    }
  });

/** A POP3 server that takes any USER and answers PASS with `pass` (null: never answers it). */
const pop3Server = (pass: string | null) =>
  scripted('+OK Scripted POP3 server ready\r\n', (line, write, socket) => {
    const command = line.split(' ')[0].toUpperCase();
    if (command === 'USER') write('+OK\r\n');
    else if (command === 'PASS') {
      if (pass) write(`${pass}\r\n`);
    } else if (command === 'UIDL') write('+OK\r\n.\r\n');
    else if (command === 'QUIT') (write('+OK Bye\r\n'), socket.end());
    else write('-ERR Unknown command\r\n');
  });

const d = dovecotInstalled() ? describe : describe.skip;
let s: TestServer;
let anna: MailroomClient;
let dv: Dovecot | null = null;
let smtp: SMTPServer;
let smtpPort = 0;
let silent = 0;

describe('check account: the problem a person can act on', () => {
  beforeAll(async () => {
    let ca: string | undefined;
    if (dovecotInstalled()) {
      // Dovecot answers a wrong password after 2 s by default, longer than this file's timeout
      dv = await startDovecot('auth_failure_delay = 0');
      dv.addUser('pop', 'pw-pop');
      ca = join(dv.dir, 'ca.pem');
      writeFileSync(ca, dv.ca);
    }
    // a scripted SMTP server that accepts pop/pw-pop, refuses senders at refused.example with 553
    smtp = new SMTPServer({
      authOptional: false, disabledCommands: ['STARTTLS'], allowInsecureAuth: true,
      onAuth: (a, _s, cb) => (a.username === 'pop' && a.password === 'pw-pop' ? cb(null, { user: 'pop' }) : cb(new Error('Invalid credentials'))),
      onMailFrom: (address, _s, cb) => (address.address.endsWith('@refused.example') ? cb(Object.assign(new Error('5.7.1 Sender address rejected: not owned by user'), { responseCode: 553 })) : cb()),
      onData: (stream, _s, cb) => (stream.resume(), stream.on('end', () => cb())),
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    smtpPort = (smtp.server.address() as net.AddressInfo).port;
    silent = await scripted(null);
    s = await startTestServer(
      { ...(ca ? { accountTlsCaFile: ca } : {}), accountTimeoutMs: TIMEOUT_MS, accountSyncSeconds: 3600, accountIdle: false },
      { mailLookup: lookup },
    );
    anna = await s.signIn((await makeWorld(s.deps)).alice.login, PASSWORD);
    guardDns();
  }, 60_000);
  afterAll(async () => {
    restoreDns();
    for (const socket of sockets) socket.destroy();
    await Promise.all(servers.map((x) => new Promise((r) => x.close(r))));
    await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
    await s?.stop();
    await dv?.stop();
    // nothing in this file reached the system's resolver
    expect(leaked).toEqual([]);
  });

  type Security = 'tls' | 'starttls' | 'none';
  const check = (o: { protocol?: 'imap' | 'pop3'; host?: string; port: number; security?: Security; password?: string; smtp?: { host?: string; port: number; security?: Security }; email?: string }) =>
    anna.accounts.check({
      name: 'Check', email: o.email ?? 'pop@example.com', login: 'pop', password: o.password ?? 'pw-pop', protocol: o.protocol ?? 'imap',
      incoming: { host: o.host ?? '127.0.0.1', port: o.port, security: o.security ?? 'none' },
      smtp: { host: o.smtp?.host ?? '127.0.0.1', port: o.smtp?.port ?? smtpPort, security: o.smtp?.security ?? 'none' },
      sendTest: !!o.smtp,
    });
  const steps = (r: Awaited<ReturnType<typeof check>>) => r.steps.map((x) => [x.step, x.ok ? true : x.problem]);

  describe('TIMEOUT', () => {
    it('a server that takes the connection and never says a word is TIMEOUT, not TLS_MISMATCH: plain, STARTTLS and TLS, IMAP and POP3', async () => {
      // a plain client on an implicit-TLS port hears nothing either; the check asks the port for a
      // TLS handshake, and a silent server does not answer it
      for (const protocol of ['imap', 'pop3'] as const) {
        for (const security of ['none', 'starttls', 'tls'] as const) {
          const r = await check({ protocol, port: silent, security });
          expect([protocol, security, steps(r)]).toEqual([protocol, security, [['connect', 'TIMEOUT']]]);
          expect(r.steps[0].detail).not.toMatch(/use TLS/i);
        }
      }
    });

    it('the outgoing server never greeting is TIMEOUT on the send step', async () => {
      const port = await imapServer('IMAP4rev1', 'OK LOGIN completed');
      // incoming: the scripted server signs in but knows no LIST; the send step is what matters
      const r = await check({ port, smtp: { port: silent, security: 'none' } });
      expect(r.steps.find((x) => x.step === 'send')).toMatchObject({ ok: false, problem: 'TIMEOUT' });
    });

    it('a server that greets and then never answers the sign-in: connect passes, login is TIMEOUT (IMAP LOGIN, IMAP AUTHENTICATE, POP3 PASS)', async () => {
      const cases = [
        { protocol: 'imap' as const, port: await imapServer('IMAP4rev1 ID', null) },
        { protocol: 'imap' as const, port: await imapServer('IMAP4rev1 ID AUTH=PLAIN', null) },
        { protocol: 'pop3' as const, port: await pop3Server(null) },
      ];
      // side by side: IMAP's sign-in limit is 30 s at the least (see signInLimitMs)
      const results = await Promise.all(cases.map((c) => check(c)));
      for (const [i, c] of cases.entries()) {
        expect([c.protocol, steps(results[i])]).toEqual([c.protocol, [['connect', true], ['login', 'TIMEOUT']]]);
        // ended by the sign-in limit, not by imapflow's socket timeout (a minute)
        if (c.protocol === 'imap') expect(results[i].steps[1].detail).toMatch(/did not finish the sign-in in time/);
      }
    }, 90_000);
  });

  describe('IMAP_DISABLED and app passwords', () => {
    // the providers' own words (as their servers send them), answered to the sign-in
    const disabled = [
      ['Gmail', 'IMAP4rev1 UNSELECT IDLE NAMESPACE QUOTA ID XLIST CHILDREN X-GM-EXT-1 XYZZY SASL-IR AUTH=XOAUTH2 AUTH=PLAIN AUTH=PLAIN-CLIENTTOKEN AUTH=OAUTHBEARER',
        'NO [ALERT] Your account is not enabled for IMAP use. Please visit your Gmail settings page and enable your account for IMAP access. (Failure)'],
      ['Yandex', 'IMAP4rev1 CHILDREN UNSELECT LITERAL+ NAMESPACE XLIST BINARY UIDPLUS ENABLE ID AUTH=PLAIN AUTH=XOAUTH2 IDLE MOVE',
        'NO [AUTHENTICATIONFAILED] LOGIN invalid credentials or IMAP is disabled sc=cYXlpv732Cg1_010534_2-1e59ad28a72c'],
      ['Zoho', 'IMAP4rev1 ID UNSELECT NAMESPACE IDLE',
        'NO [ALERT] You are yet to enable IMAP for your account. Please contact your administrator (Failure)'],
    ] as const;

    it.each(disabled)('%s turning IMAP off is IMAP_DISABLED at login, with the server\'s words kept', async (_provider, caps, answer) => {
      const r = await check({ port: await imapServer(caps, answer) });
      expect(steps(r)).toEqual([['connect', true], ['login', 'IMAP_DISABLED']]);
      expect(r.steps[1].detail).toContain(answer.replace(/^NO (\[[A-Z]+\] )?/, '').slice(0, 40));
    });

    it('POP3 turned off (Gmail, Yandex) is IMAP_DISABLED at login too', async () => {
      for (const answer of [
        '-ERR [SYS/PERM] Your account is not enabled for POP access. Please visit your Gmail settings page and enable your account for POP access.',
        '-ERR [AUTH] login failure or POP3 disabled, try later. sc=Xm4Pc5Lb1Ko1',
      ]) {
        const r = await check({ protocol: 'pop3', port: await pop3Server(answer) });
        expect(steps(r)).toEqual([['connect', true], ['login', 'IMAP_DISABLED']]);
      }
    });

    it('a demand for an app password (Gmail, Mail.ru) is AUTH_FAILED, whose advice is to create one; a plain refusal too', async () => {
      for (const answer of [
        'NO [ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)',
        'NO [AUTHENTICATIONFAILED] NEOBHODIM parol prilozheniya https://help.mail.ru/mail/security/protection/external / Application password is REQUIRED',
        'NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)',
      ]) {
        const r = await check({ port: await imapServer('IMAP4rev1 ID', answer) });
        expect([answer, steps(r)]).toEqual([answer, [['connect', true], ['login', 'AUTH_FAILED']]]);
      }
    });
  });

  describe('HOST_NOT_FOUND, without DNS', () => {
    it('an unknown incoming or outgoing server name is HOST_NOT_FOUND (IMAP, POP3, SMTP), asked of the injected lookup', async () => {
      for (const protocol of ['imap', 'pop3'] as const) {
        for (const security of ['none', 'tls'] as const) {
          const r = await check({ protocol, host: UNKNOWN, port: 993, security });
          expect([protocol, security, steps(r)]).toEqual([protocol, security, [['connect', 'HOST_NOT_FOUND']]]);
        }
      }
      for (const security of ['none', 'tls', 'starttls'] as const) {
        const port = await imapServer('IMAP4rev1', 'OK LOGIN completed');
        const r = await check({ port, smtp: { host: UNKNOWN, port: 587, security } });
        expect([security, r.steps.find((x) => x.step === 'send')?.problem]).toEqual([security, 'HOST_NOT_FOUND']);
      }
      expect(asked.filter((h) => h === UNKNOWN).length).toBeGreaterThanOrEqual(7);
    });

    it('a name the lookup knows is reached through it: SMTP sends, a certificate for another name is CERTIFICATE_INVALID', async () => {
      const port = await imapServer('IMAP4rev1', 'OK LOGIN completed');
      const r = await check({ port, smtp: { host: KNOWN, port: smtpPort, security: 'none' } });
      expect(r.steps.find((x) => x.step === 'send')).toMatchObject({ ok: true });
      expect(asked).toContain(KNOWN);
      if (dv) {
        // Dovecot's certificate names 127.0.0.1 and localhost, not KNOWN
        expect(steps(await check({ host: KNOWN, port: dv.imaps, security: 'tls' }))).toEqual([['connect', 'CERTIFICATE_INVALID']]);
        expect(steps(await check({ protocol: 'pop3', host: KNOWN, port: dv.pop3, security: 'starttls' }))).toEqual([['connect', 'CERTIFICATE_INVALID']]);
      }
    });
  });

  it('SEND_REFUSED: the outgoing server refusing the sender', async () => {
    const port = await imapServer('IMAP4rev1', 'OK LOGIN completed');
    const r = await check({ port, email: 'someone@refused.example', smtp: { port: smtpPort, security: 'none' } });
    expect(r.steps.find((x) => x.step === 'send')).toMatchObject({ ok: false, problem: 'SEND_REFUSED' });
  });

  d('against Dovecot', () => {
    it('TLS_MISMATCH: a plain or STARTTLS client on a TLS port (the port answers a TLS handshake), for IMAP, POP3 and SMTP', async () => {
      const v = dv!;
      for (const [protocol, port] of [['imap', v.imaps], ['pop3', v.pop3s]] as const) {
        for (const security of ['none', 'starttls'] as const) {
          expect([protocol, security, steps(await check({ protocol, port, security }))]).toEqual([protocol, security, [['connect', 'TLS_MISMATCH']]]);
        }
      }
      // Dovecot's IMAPS port standing in for an SMTPS one: silent to a plain client, TLS to a probe
      const r = await check({ protocol: 'pop3', port: v.pop3, security: 'starttls', smtp: { port: v.imaps, security: 'none' } });
      expect(r.steps.find((x) => x.step === 'send')).toMatchObject({ ok: false, problem: 'TLS_MISMATCH' });
    });

    it('POP3: every step passes with the right settings (STARTTLS and TLS), and a wrong password is AUTH_FAILED at login', async () => {
      const v = dv!;
      for (const [port, security] of [[v.pop3, 'starttls'], [v.pop3s, 'tls']] as const) {
        const r = await check({ protocol: 'pop3', port, security, smtp: { port: smtpPort, security: 'none' } });
        expect(steps(r)).toEqual([['connect', true], ['login', true], ['folders', true], ['send', true]]);
        expect(r.ok).toBe(true);
        expect(r.folders).toEqual(['INBOX']);
      }
      const wrong = await check({ protocol: 'pop3', port: v.pop3, security: 'starttls', password: 'wrong' });
      expect(steps(wrong)).toEqual([['connect', true], ['login', 'AUTH_FAILED']]);
      expect(wrong.ok).toBe(false);
    });
  });
});

describe('the words for every problem', () => {
  it('every problem code the server can return has a text and a "what to do" in English, Russian and Polish, each its own', () => {
    // the codes the protocols and the accounts module use (new MailServerError('…'), a ternary of
    // two, problem: '…') are exactly the contract's list, the one the client words
    const files = ['../src/protocols/', '../src/modules/accounts/'].flatMap((dir) => {
      const root = new URL(dir, import.meta.url).pathname;
      return (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(root, f), 'utf8'));
    });
    const used = new Set(files.flatMap((t) => [...t.matchAll(/MailServerError\('([A-Z_]+)'|problem: '([A-Z_]+)'|\? '([A-Z_]+)' : '([A-Z_]+)'/g)].flatMap((m) => m.slice(1).filter(Boolean))));
    const codes = AccountProblem.options;
    expect([...used].sort()).toEqual([...codes].sort());
    const langs = { en: enAccounts, ru: ruAccounts, pl: plAccounts };
    for (const code of codes) {
      for (const part of ['problems', 'fixes'] as const) {
        const texts = Object.entries(langs).map(([lang, dict]) => [lang, (dict[part] as Record<string, string | undefined>)[code]?.trim() ?? ''] as const);
        for (const [lang, text] of texts) expect(text.length, `${lang}.accounts.${part}.${code}`).toBeGreaterThan(10);
        expect(new Set(texts.map(([, t]) => t)).size, `${part}.${code} differs between languages`).toBe(3);
      }
      for (const [lang, dict] of Object.entries(langs)) expect(dict.problems[code], `${lang}: problem and fix of ${code}`).not.toBe(dict.fixes[code]);
    }
  });
});
