import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailroomClient } from '@mailroom/sdk';
import { Sealer } from '../src/platform/crypto/seal.ts';
import { startTestServer, type TestServer } from './harness/app.ts';
import { dovecotInstalled, startOAuthDovecot, type Dovecot } from './harness/dovecot.ts';
import { makeWorld, PASSWORD } from './harness/factories.ts';
import { startOidc, type Oidc } from './harness/oidc.ts';
import { until } from './harness/wait.ts';

// No account secret in clear in a dump of the database (nor in the data directory, nor in any
// answer of the API): passwords, the OAuth2 refresh and access tokens the provider really issued
// (read off the token endpoint's answers as Mailroom receives them), the PKCE verifier, the
// authorization code and the organisation's client secret.
const d = dovecotInstalled() ? describe : describe.skip;
const PUBLIC = 'http://127.0.0.1:1';
const PW1 = 'Pia-first-Pw-7f3c9e1a-quartz';
const PW2 = 'Pia-second-Pw-b41d08c2-marble';
const PW_WRONG = 'Pia-wrong-Pw-5e6a7b8c-basalt';
/** The server key from the configuration (MAIL_SECRETS_KEY): 32 bytes in base64. */
const KEY = randomBytes(32).toString('base64');

let oidc: Oidc;
let dv: Dovecot;
let s: TestServer;
let alice: MailroomClient;
let admin: MailroomClient;
/** What went over the wire to and from the token endpoint: every grant's secrets. */
const issued = { access: new Set<string>(), refresh: new Set<string>(), verifier: new Set<string>(), code: new Set<string>() };

/** Every row of every table outside the system schemas, as text (bytea shows as \x… hex). */
async function dumpDatabase() {
  const { rows: tables } = await s.deps.db.query<{ schema: string; name: string }>(
    `select table_schema as schema, table_name as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1, 2`,
  );
  expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['mail_accounts', 'mail_oauth_flows', 'mail_oauth_clients', 'jobs']));
  const out: { table: string; row: string }[] = [];
  for (const t of tables) {
    const { rows } = await s.deps.db.query<{ row: string }>(`select x::text as row from "${t.schema}"."${t.name}" x`);
    for (const r of rows) out.push({ table: `${t.schema}.${t.name}`, row: r.row });
  }
  return out;
}

/** The forms a secret could be kept in: as is, base64, base64url, hex (as bytea prints). */
const forms = (secret: string) => {
  const b = Buffer.from(secret, 'utf8');
  return [['clear', secret], ['base64', b.toString('base64').replace(/=+$/, '')], ['base64url', b.toString('base64url')], ['hex', b.toString('hex')]] as const;
};

/** Where any of the secrets shows up in the dump: "table: name (form)". */
function leaks(dump: { table: string; row: string }[], secrets: Record<string, string[]>) {
  const found: string[] = [];
  for (const [name, values] of Object.entries(secrets))
    for (const v of values)
      for (const [form, f] of forms(v))
        for (const r of dump) if (r.row.toLowerCase().includes(f.toLowerCase())) found.push(`${r.table}: ${name} (${form})`);
  return [...new Set(found)];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

const state = async (id: string) => (await alice.accounts.list()).items.find((a) => a.id === id)!;

d('no account secret in a database dump nor in the API', () => {
  beforeAll(async () => {
    // access tokens live 60 s, less than the renewal margin: every use renews one (more tokens to look for)
    oidc = await startOidc({ redirectUri: `${PUBLIC}/api/v1/accounts/oauth/callback`, accountId: 'lena', accessTtlSeconds: 60 });
    dv = await startOAuthDovecot(oidc);
    dv.addUser('lena', 'not-used-with-oauth');
    dv.addUser('pia', PW1);
    const ca = join(dv.dir, 'ca.pem');
    writeFileSync(ca, dv.ca);
    // Mailroom's outgoing HTTP, watched at the token endpoint: the verifier and refresh token it
    // sends, the tokens it gets back
    const watched: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url === oidc.tokenUrl) {
        const sent = new URLSearchParams(String(init?.body ?? ''));
        if (sent.get('code_verifier')) issued.verifier.add(sent.get('code_verifier')!);
        if (sent.get('code')) issued.code.add(sent.get('code')!);
        if (sent.get('refresh_token')) issued.refresh.add(sent.get('refresh_token')!);
        const got = (await res.clone().json().catch(() => ({}))) as { access_token?: string; refresh_token?: string };
        if (got.access_token) issued.access.add(got.access_token);
        if (got.refresh_token) issued.refresh.add(got.refresh_token);
      }
      return res;
    };
    s = await startTestServer(
      { publicUrl: PUBLIC, accountTlsCaFile: ca, accountTimeoutMs: 3000, accountSyncSeconds: 3600, accountIdle: false, mailSecretsKey: KEY },
      { fetch: watched },
    );
    const w = await makeWorld(s.deps);
    alice = await s.signIn(w.alice.login, PASSWORD);
    admin = await s.signIn(w.admin.login, PASSWORD);
  }, 60_000);
  afterAll(async () => {
    await s?.stop();
    await dv?.stop();
    await oidc?.stop();
  });

  it('keeps passwords, refresh and access tokens, the PKCE verifier and the client secret only sealed', async () => {
    const answers: unknown[] = [];
    const keep = <T>(x: T) => (answers.push(x), x);

    keep(await admin.http.call('PUT', '/api/v1/accounts/oauth-clients/gmail', {
      authorizeUrl: oidc.authorizeUrl, tokenUrl: oidc.tokenUrl, clientId: oidc.clientId, clientSecret: oidc.clientSecret, scope: 'openid offline_access email mail',
    }));

    // (a) a password account, synchronised over IMAP with it (one message: its original goes to a pack in the data directory)
    const box = await dv.imapAs('pia', PW1);
    await box.append('INBOX', 'From: x@example.org\r\nSubject: Hello Pia\r\nMessage-ID: <pia1@example.org>\r\n\r\nhello\r\n');
    await box.logout();
    const pia = keep(await alice.accounts.create({
      name: 'Pia', email: 'pia@example.com', login: 'pia', password: PW1,
      incoming: { host: '127.0.0.1', port: dv.imap, security: 'starttls' }, smtp: { host: '127.0.0.1', port: 1, security: 'none' },
    }));
    await until(async () => {
      const x = keep(await state(pia.id));
      if (x.status === 'error') throw new Error(`${x.problem}: ${x.detail}`);
      return x.status === 'ready' && x.lastSyncAt;
    }, 'the password account synchronised', 20_000);
    // a check with a wrong password leaves nothing behind either
    const wrong = keep(await alice.accounts.check({
      name: 'Pia', email: 'pia@example.com', login: 'pia', password: PW_WRONG, sendTest: false,
      incoming: { host: '127.0.0.1', port: dv.imap, security: 'starttls' }, smtp: { host: '127.0.0.1', port: 1, security: 'none' },
    }));
    expect(wrong.steps.find((x) => !x.ok)?.problem).toBe('AUTH_FAILED');

    // (b) an OAuth2 account: the sign-in half done (the verifier waits in mail_oauth_flows) ...
    const { authorizeUrl } = keep(await alice.accounts.startOAuth({
      name: 'Lena (Google)', email: 'lena@example.com', preset: 'gmail', login: 'lena',
      incoming: { host: '127.0.0.1', port: dv.imap, security: 'starttls' }, smtp: { host: '127.0.0.1', port: 1, security: 'none' },
    }));
    const midFlow = await dumpDatabase();
    expect(midFlow.some((r) => r.table === 'public.mail_oauth_flows')).toBe(true);
    const back = await oidc.authorize(authorizeUrl);
    const code = back.searchParams.get('code')!;
    expect(code).toBeTruthy();
    // ... then finished: the code exchanged for tokens
    const res = await fetch(`${s.url}${back.pathname}${back.search}`, { redirect: 'manual', headers: { cookie: alice.http.cookie! } });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    answers.push(location);
    const lena = new URL(location, s.url).searchParams.get('connected')!;
    expect(lena).toMatch(/^[0-9a-f-]{36}$/);
    await until(async () => {
      const x = keep(await state(lena));
      if (x.status === 'error') throw new Error(`${x.problem}: ${x.detail}`);
      return x.status === 'ready' && x.lastSyncAt;
    }, 'the OAuth2 account synchronised over XOAUTH2', 20_000);
    // each use renews the short-lived access token: a check and another pass
    keep(await alice.accounts.checkSaved(lena, false));
    const synced = (await state(lena)).lastSyncAt;
    keep(await alice.accounts.sync(lena));
    await until(async () => {
      const x = keep(await state(lena));
      return x.status === 'ready' && x.lastSyncAt !== synced;
    }, 'another pass over XOAUTH2', 20_000);

    // a new password replaces the first; the server refuses it, and the failure is recorded
    keep(await alice.accounts.update(pia.id, { password: PW2 }));
    keep(await alice.accounts.sync(pia.id));
    const failed = await until(async () => {
      const x = keep(await state(pia.id));
      return x.status === 'error' ? x : null;
    }, 'the refused password noticed', 20_000);
    expect(failed.problem).toBe('AUTH_FAILED');
    keep(await alice.accounts.list());
    keep(await admin.accounts.oauthClients());

    // the secrets really were issued and used: without them this test would prove nothing
    expect(issued.verifier.size).toBe(1);
    expect(issued.code).toEqual(new Set([code]));
    expect(issued.refresh.size).toBeGreaterThanOrEqual(1);
    expect(issued.access.size).toBeGreaterThanOrEqual(3);
    const { rows: sealed } = await s.deps.db.query<{ secret: Buffer }>('select secret from mail_accounts where id = $1', [lena]);
    const held = JSON.parse(s.deps.sealer.open(sealed[0].secret, `mail_accounts:${lena}:secret`)) as { access: string; refresh: string };
    expect(issued.access.has(held.access)).toBe(true);
    expect(issued.refresh.has(held.refresh)).toBe(true);
    expect((await oidc.introspect(held.access)).active).toBe(true);
    const { rows: piaSealed } = await s.deps.db.query<{ secret: Buffer }>('select secret from mail_accounts where id = $1', [pia.id]);
    expect(s.deps.sealer.open(piaSealed[0].secret, `mail_accounts:${pia.id}:secret`)).toBe(PW2);

    const secrets = {
      'password': [PW1, PW2, PW_WRONG],
      'access token': [...issued.access],
      'refresh token': [...issued.refresh],
      'PKCE code_verifier': [...issued.verifier],
      'authorization code': [...issued.code],
      'OAuth client secret': [oidc.clientSecret],
    };
    // the database, half-way through the sign-in and at the end
    expect(leaks(midFlow, secrets)).toEqual([]);
    const dump = await dumpDatabase();
    expect(dump.length).toBeGreaterThan(50);
    expect(leaks(dump, secrets)).toEqual([]);
    // the data directory (blobs, packs, keys) is backed up with it
    const files = filesUnder(s.deps.config.dataDir).map((f) => ({ table: f, row: readFileSync(f).toString('latin1') }));
    expect(files.length).toBeGreaterThan(0);
    expect(leaks(files, secrets)).toEqual([]);
    // and no answer of the API carried one
    expect(answers.length).toBeGreaterThan(10);
    expect(leaks(answers.map((a, i) => ({ table: `answer ${i}`, row: JSON.stringify(a) })), secrets)).toEqual([]);

    // sealed with AES-256-GCM under the configured key (no key file of its own beside the data),
    // bound to its row: version 1, a 12-byte nonce, a 16-byte tag, then as many bytes as the secret
    expect(existsSync(join(s.deps.config.dataDir, 'mail-secrets.key'))).toBe(false);
    const configured = new Sealer(Buffer.from(KEY, 'base64'));
    expect(configured.open(piaSealed[0].secret, `mail_accounts:${pia.id}:secret`)).toBe(PW2);
    expect(piaSealed[0].secret[0]).toBe(1);
    expect(piaSealed[0].secret.length).toBe(1 + 12 + 16 + Buffer.byteLength(PW2));
    expect(() => new Sealer(randomBytes(32)).open(piaSealed[0].secret, `mail_accounts:${pia.id}:secret`)).toThrow();
    expect(() => configured.open(piaSealed[0].secret, `mail_accounts:${lena}:secret`)).toThrow();
  }, 90_000);
});
