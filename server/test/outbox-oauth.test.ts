import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailroomClient } from '@mailroom/sdk';
import { enqueueMail } from '../src/modules/outbox/enqueue.ts';
import { OutboxWorker } from '../src/modules/outbox/worker.ts';
import { startTestServer, type TestServer } from './harness/app.ts';
import { makeWorld, PASSWORD } from './harness/factories.ts';
import { startOidc, type Oidc } from './harness/oidc.ts';
import { until } from './harness/wait.ts';

// The system account signs in with OAuth2 against a real authorization server (oidc-provider on
// loopback); the scripted SMTP server accepts XOAUTH2 only, checking each token by introspection.
const PUBLIC = 'http://127.0.0.1:1';
let oidc: Oidc;
let s: TestServer;
let smtp: SMTPServer;
let smtpPort = 0;
let admin: MailroomClient;
let w: Awaited<ReturnType<typeof makeWorld>>;
const logins: { user: string; ok: boolean }[] = [];
let delivered = 0;

beforeAll(async () => {
  // tokens live 60 s, less than the renewal margin: every use renews one
  oidc = await startOidc({ redirectUri: `${PUBLIC}/api/v1/accounts/oauth/callback`, accountId: 'mailer', accessTtlSeconds: 60 });
  smtp = new SMTPServer({
    authMethods: ['XOAUTH2'], disabledCommands: ['STARTTLS'], allowInsecureAuth: true, logger: false,
    onAuth: (a, _s, cb) => {
      void oidc.introspect(a.accessToken ?? '').then((r) => {
        const ok = a.method === 'XOAUTH2' && r.active && r.sub === a.username;
        logins.push({ user: a.username ?? '', ok });
        cb(ok ? null : Object.assign(new Error('Invalid token'), { responseCode: 535 }), ok ? { user: a.username } : undefined);
      });
    },
    onData: (stream, _s, cb) => (stream.resume(), stream.on('end', () => (delivered++, cb()))),
  });
  smtp.on('error', () => {});
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  smtpPort = (smtp.server.address() as { port: number }).port;
  s = await startTestServer({ publicUrl: PUBLIC, workers: false, outboxRetrySeconds: 0.2, outboxTimeoutMs: 2000 });
  w = await makeWorld(s.deps);
  admin = await s.signIn(w.admin.login, PASSWORD);
  await admin.http.call('PUT', '/api/v1/accounts/oauth-clients/outlook', {
    authorizeUrl: oidc.authorizeUrl, tokenUrl: oidc.tokenUrl, clientId: oidc.clientId, clientSecret: oidc.clientSecret, scope: 'openid offline_access email mail',
  });
}, 60_000);
afterAll(async () => {
  await s?.stop();
  await oidc?.stop();
  await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
});

const settings = () => ({
  enabled: true, accountName: 'Notifications', fromAddress: 'mailer@example.com', displayName: 'Mailroom', host: '127.0.0.1', port: smtpPort, security: 'none',
  auth: 'oauth2', login: 'mailer', oauthPreset: 'outlook', afterSend: 'archive', archiveDays: 7,
});
const signIn = async (cookie: string) => {
  const { authorizeUrl } = await admin.http.call<{ authorizeUrl: string }>('POST', '/api/v1/admin/system-mail/oauth/start', { preset: 'outlook' });
  expect(new URL(authorizeUrl).searchParams.get('code_challenge_method')).toBe('S256');
  const back = await oidc.authorize(authorizeUrl);
  const res = await fetch(`${s.url}${back.pathname}${back.search}`, { redirect: 'manual', headers: { cookie } });
  return new URL(res.headers.get('location')!, s.url);
};
const drain = async (subject: string) => {
  const { id } = await s.deps.db.tx((tx) => enqueueMail(s.deps, tx, { orgId: w.org, senderId: w.admin.id, to: ['partner@outside.example'], subject }));
  const worker = new OutboxWorker(s.deps, `oauth-${subject}`, 50);
  await worker.start();
  try {
    return await until(async () => {
      const r = (await s.deps.db.query<{ status: string; problem: string | null }>('select status, problem from outbox where id = $1', [id])).rows[0];
      return (r.status === 'sent' || r.problem) && r;
    }, `${subject} sent or failing`, 15_000);
  } finally {
    await worker.stop();
  }
};

describe('the system account over OAuth2', () => {
  it('an administrator signs it in with PKCE; mail goes out over XOAUTH2 with renewed tokens, none of them shown', async () => {
    const saved = await admin.http.call<{ oauthSignedIn: boolean }>('PUT', '/api/v1/admin/system-mail', settings());
    expect(saved.oauthSignedIn).toBe(false);
    // a person who is not an administrator cannot start it
    const alice = await s.signIn(w.alice.login, PASSWORD);
    await expect(alice.http.call('POST', '/api/v1/admin/system-mail/oauth/start', { preset: 'outlook' })).rejects.toMatchObject({ status: 403 });
    const to = await signIn(admin.http.cookie!);
    expect(to.pathname + to.search).toBe('/admin/system-mail?connected=1');
    const got = await admin.http.call<{ oauthSignedIn: boolean; auth: string }>('GET', '/api/v1/admin/system-mail');
    expect(got).toMatchObject({ auth: 'oauth2', oauthSignedIn: true, oauthPreset: 'outlook' });
    expect(JSON.stringify(got)).not.toMatch(/access|refresh/i);
    // saving the form again keeps the sign-in
    expect((await admin.http.call<{ oauthSignedIn: boolean }>('PUT', '/api/v1/admin/system-mail', settings())).oauthSignedIn).toBe(true);

    expect(await drain('over oauth')).toMatchObject({ status: 'sent' });
    expect(logins.at(-1)).toEqual({ user: 'mailer', ok: true });
    const before = delivered;
    expect(await drain('renewed token')).toMatchObject({ status: 'sent' });
    expect(delivered).toBe(before + 1);
    const test = await admin.http.call<{ ok: boolean }>('POST', '/api/v1/admin/system-mail/test', { to: 'admin@outside.example' });
    expect(test).toMatchObject({ ok: true });
  });

  it('a revoked grant keeps mail waiting with AUTH_FAILED until an administrator signs in again', async () => {
    await oidc.revokeAll();
    // the held access token is renewed first: the grant is gone
    await s.deps.db.query(`update system_mail_settings set updated_at = now() where org_id = $1`, [w.org]);
    const r = await drain('after revocation');
    expect(r).toMatchObject({ status: 'deferred', problem: 'AUTH_FAILED' });
    const to = await signIn(admin.http.cookie!);
    expect(to.searchParams.get('connected')).toBe('1');
    await s.deps.db.query(`update outbox set next_attempt_at = now() where org_id = $1 and status = 'deferred'`, [w.org]);
    const worker = new OutboxWorker(s.deps, 'oauth-again', 50);
    await worker.start();
    try {
      await until(async () => (await s.deps.db.query(`select 1 from outbox where org_id = $1 and status <> 'sent'`, [w.org])).rows.length === 0, 'sent after signing in again', 15_000);
    } finally {
      await worker.stop();
    }
  });

  it('a sign-in refused at the provider comes back to the system mail screen with the reason', async () => {
    const { authorizeUrl } = await admin.http.call<{ authorizeUrl: string }>('POST', '/api/v1/admin/system-mail/oauth/start', { preset: 'outlook' });
    const state = new URL(authorizeUrl).searchParams.get('state')!;
    const res = await fetch(`${s.url}/api/v1/accounts/oauth/callback?state=${state}&error=access_denied`, { redirect: 'manual', headers: { cookie: admin.http.cookie! } });
    const to = new URL(res.headers.get('location')!, s.url);
    expect(to.pathname).toBe('/admin/system-mail');
    expect(to.searchParams.get('oauthError')).toBe('AUTH_FAILED');
  });
});
