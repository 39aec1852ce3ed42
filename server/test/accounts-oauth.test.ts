import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailroomClient } from '@mailroom/sdk';
import { startTestServer, type TestServer } from './harness/app.ts';
import { dovecotInstalled, startOAuthDovecot, type Dovecot } from './harness/dovecot.ts';
import { makeWorld, PASSWORD } from './harness/factories.ts';
import { startOidc, type Oidc } from './harness/oidc.ts';
import { until } from './harness/wait.ts';

// OAuth2 against a real authorization server (oidc-provider on loopback). Dovecot accepts
// XOAUTH2 by asking that server to introspect the token; the scripted SMTP server does the same.
const d = dovecotInstalled() ? describe : describe.skip;
const PUBLIC = 'http://127.0.0.1:1';

let oidc: Oidc;
let dv: Dovecot;
let s: TestServer;
let smtp: SMTPServer;
let smtpPort = 0;
let alice: MailroomClient;
let bob: MailroomClient;
const smtpLogins: { method: string; ok: boolean }[] = [];

const sealedTokens = async (id: string) => {
  const { rows } = await s.deps.db.query<{ secret: Buffer; auth: string }>('select secret, auth from mail_accounts where id = $1', [id]);
  return { auth: rows[0].auth, tokens: JSON.parse(s.deps.sealer.open(rows[0].secret, `mail_accounts:${id}:secret`)) as { access: string; refresh: string; expiresAt: number } };
};
const account = async (id: string) => (await alice.accounts.list()).items.find((a) => a.id === id)!;

d('OAuth2 sign-in for an outside mailbox', () => {
  beforeAll(async () => {
    // access tokens live 60 s: less than the margin Mailroom renews at, so every use renews one
    oidc = await startOidc({ redirectUri: `${PUBLIC}/api/v1/accounts/oauth/callback`, accountId: 'lena', accessTtlSeconds: 60 });
    dv = await startOAuthDovecot(oidc);
    dv.addUser('lena', 'not-used-with-oauth');
    smtp = new SMTPServer({
      authMethods: ['XOAUTH2'], disabledCommands: ['STARTTLS'], allowInsecureAuth: true,
      onAuth: (a, _s, cb) => {
        void oidc.introspect(a.accessToken ?? '').then((r) => {
          const ok = a.method === 'XOAUTH2' && r.active && r.sub === a.username;
          smtpLogins.push({ method: a.method, ok });
          cb(ok ? null : new Error('Invalid token'), ok ? { user: a.username } : undefined);
        });
      },
      onData: (stream, _s, cb) => (stream.resume(), stream.on('end', () => cb())),
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    smtpPort = (smtp.server.address() as { port: number }).port;
    const ca = join(dv.dir, 'ca.pem');
    writeFileSync(ca, dv.ca);
    s = await startTestServer({ publicUrl: PUBLIC, accountTlsCaFile: ca, accountTimeoutMs: 3000, accountSyncSeconds: 3600, accountIdle: false });
    const w = await makeWorld(s.deps);
    alice = await s.signIn(w.alice.login, PASSWORD);
    bob = await s.signIn(w.bob.login, PASSWORD);
    const admin = await s.signIn(w.admin.login, PASSWORD);
    await admin.http.call('PUT', '/api/v1/accounts/oauth-clients/gmail', {
      authorizeUrl: oidc.authorizeUrl, tokenUrl: oidc.tokenUrl, clientId: oidc.clientId, clientSecret: oidc.clientSecret, scope: 'openid offline_access email mail',
    });
  }, 60_000);
  afterAll(async () => {
    await s?.stop();
    await dv?.stop();
    await oidc?.stop();
    await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
  });

  let id = '';
  it('signs in with authorization code and PKCE, then synchronises over XOAUTH2', async () => {
    const presets = (await alice.accounts.presets()).items;
    expect(presets.find((p) => p.id === 'gmail')?.oauth2).toBe(true);
    expect(presets.find((p) => p.id === 'yahoo')?.oauth2).toBe(false);

    const { authorizeUrl } = await alice.http.call<{ authorizeUrl: string }>('POST', '/api/v1/accounts/oauth/start', {
      name: 'Lena (Google)', email: 'lena@example.com', preset: 'gmail', login: 'lena',
      incoming: { host: '127.0.0.1', port: dv.imap, security: 'none' }, smtp: { host: '127.0.0.1', port: smtpPort, security: 'none' },
    });
    const asked = new URL(authorizeUrl);
    expect(asked.searchParams.get('code_challenge_method')).toBe('S256');
    expect(asked.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // the browser goes to the provider, allows, and comes back to us with a code
    const back = await oidc.authorize(authorizeUrl);
    expect(back.pathname).toBe('/api/v1/accounts/oauth/callback');
    // someone else's session cannot finish it (nor spoil it for its owner)
    const stranger = await fetch(`${s.url}${back.pathname}${back.search}`, { redirect: 'manual', headers: { cookie: bob.http.cookie! } });
    expect(new URL(stranger.headers.get('location')!, s.url).searchParams.get('oauthError')).toBe('VALIDATION_FAILED');
    const res = await fetch(`${s.url}${back.pathname}${back.search}`, { redirect: 'manual', headers: { cookie: alice.http.cookie! } });
    expect(res.status).toBe(303);
    const to = new URL(res.headers.get('location')!, s.url);
    expect(to.pathname).toBe('/settings/accounts');
    id = to.searchParams.get('connected')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    // the same code does not work twice
    const again = await fetch(`${s.url}${back.pathname}${back.search}`, { redirect: 'manual', headers: { cookie: alice.http.cookie! } });
    expect(new URL(again.headers.get('location')!, s.url).searchParams.get('oauthError')).toBe('VALIDATION_FAILED');

    const a = await account(id);
    expect(a.auth).toBe('oauth2');
    expect(JSON.stringify(a)).not.toMatch(/access|refresh/i);
    const first = await sealedTokens(id);
    expect(first.tokens.refresh).toBeTruthy();
    // no token in clear anywhere in the row
    const { rows } = await s.deps.db.query<{ t: string }>('select row_to_json(a)::text as t from mail_accounts a where id = $1', [id]);
    expect(rows[0].t).not.toContain(first.tokens.access);

    await until(async () => {
      const x = await account(id);
      if (x.status === 'error') throw new Error(`${x.problem}: ${x.detail}`);
      return x.status === 'ready' && x.lastSyncAt;
    }, 'first sync over XOAUTH2', 20_000);
    expect((await alice.mail.folders()).items.some((f) => f.name === 'Lena (Google)')).toBe(true);
  });

  it('renews the access token before it runs out, and uses the new one for IMAP and SMTP', async () => {
    const before = await sealedTokens(id);
    const check = await alice.accounts.checkSaved(id, true);
    expect(check.steps.map((st) => [st.step, st.ok])).toEqual([['connect', true], ['login', true], ['folders', true], ['send', true]]);
    const after = await sealedTokens(id);
    expect(after.tokens.access).not.toBe(before.tokens.access);
    expect(after.tokens.expiresAt).toBeGreaterThan(before.tokens.expiresAt);
    expect((await oidc.introspect(after.tokens.access)).active).toBe(true);
    expect(smtpLogins.at(-1)).toEqual({ method: 'XOAUTH2', ok: true });

    // a token with more than the margin left is used as it is: the same token signs in again.
    // (The provider's tokens live 60 s; the sealed expiry is moved out to an hour, as a provider
    // with hour-long tokens would have given it.)
    const { rows } = await s.deps.db.query<{ secret: Buffer }>('select secret from mail_accounts where id = $1', [id]);
    const held = JSON.parse(s.deps.sealer.open(rows[0].secret, `mail_accounts:${id}:secret`)) as { access: string; expiresAt: number };
    const hour = { ...held, expiresAt: Date.now() + 3_600_000 };
    await s.deps.db.query('update mail_accounts set secret = $2 where id = $1', [id, s.deps.sealer.seal(JSON.stringify(hour), `mail_accounts:${id}:secret`)]);
    const kept = await alice.accounts.checkSaved(id, false);
    expect(kept.steps.every((st) => st.ok)).toBe(true);
    expect((await sealedTokens(id)).tokens).toEqual(hour);
  });

  it('a revoked grant turns the account to an error that says to sign in again; signing in again mends it', async () => {
    // the access token held still has most of an hour by its stated expiry (see above), so nothing
    // renews it before use: Dovecot refuses it, the pass renews it at once, and the refused refresh
    // says OAUTH_REVOKED rather than AUTH_FAILED with its advice about passwords
    expect((await sealedTokens(id)).tokens.expiresAt).toBeGreaterThan(Date.now() + 30 * 60_000);
    await oidc.revokeAll();
    await alice.accounts.sync(id);
    const broken = await until(async () => {
      const x = await account(id);
      return x.status === 'error' ? x : null;
    }, 'the revoked grant noticed', 20_000);
    expect(broken.problem).toBe('OAUTH_REVOKED');

    // "Sign in again" for the same account
    const { authorizeUrl } = await alice.http.call<{ authorizeUrl: string }>('POST', '/api/v1/accounts/oauth/start', { accountId: id });
    const back = await oidc.authorize(authorizeUrl);
    const res = await fetch(`${s.url}${back.pathname}${back.search}`, { redirect: 'manual', headers: { cookie: alice.http.cookie! } });
    expect(new URL(res.headers.get('location')!, s.url).searchParams.get('connected')).toBe(id);
    await until(async () => (await account(id)).status === 'ready', 'synchronised again', 20_000);
    expect((await alice.accounts.list()).items.filter((a) => a.email === 'lena@example.com')).toHaveLength(1);
  });
});
