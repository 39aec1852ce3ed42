import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { MailroomClient } from '@mailroom/sdk';
import { startAppServer, type AppServer } from '../harness/app-server.ts';
import { hasBrowser, launchBrowser, newPage, shot } from '../harness/browser.ts';
import { freePort } from '../harness/server.ts';
import { chooseLanguage, pick, realProblems, seeText, signIn, until } from '../harness/steps.ts';
import { startOidc, type Oidc } from '../../server/test/harness/oidc.ts';

const PROVIDER = 'Outlook / Office 365';
const top = (page: Page) => page.evaluate(() => window.scrollTo(0, 0));
const signedIn = (page: Page) => page.getByTestId('system-mail-oauth-state').getAttribute('data-signed-in');

describe.skipIf(!hasBrowser)('the system mail account signs in with OAuth2 at a provider and sends over XOAUTH2', () => {
  let server: AppServer;
  let oidc: Oidc;
  let smtp: SMTPServer;
  let smtpPort = 0;
  let api: MailroomClient;
  let browser: Browser;
  let admin: Page;
  let problems: string[] = [];
  let closeAll: () => Promise<void>;
  /** Every sign-in the SMTP server was asked for, and whether the token was good. */
  const logins: { user: string; ok: boolean }[] = [];
  const delivered: string[] = [];

  const register = (preset: string) =>
    api.http.call('PUT', `/api/v1/accounts/oauth-clients/${preset}`, {
      authorizeUrl: oidc.authorizeUrl, tokenUrl: oidc.tokenUrl, clientId: oidc.clientId, clientSecret: oidc.clientSecret, scope: 'openid offline_access email mail',
    });

  beforeAll(async () => {
    // the provider sends the browser back to this server's own address: it must be known before either starts
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // the real authorization server of the server tests (oidc-provider on loopback): code + PKCE, refresh
    // tokens, introspection, revocation; sign-in and consent are answered at once for "mailer". Access
    // tokens live 60 s, less than the 2 minutes before the end at which Mailroom renews: each use renews one.
    oidc = await startOidc({ redirectUri: `${url}/api/v1/accounts/oauth/callback`, accountId: 'mailer', accessTtlSeconds: 60 });
    // an SMTP server that accepts XOAUTH2 only, asking the authorization server about every token
    smtp = new SMTPServer({
      authMethods: ['XOAUTH2'], disabledCommands: ['STARTTLS'], allowInsecureAuth: true, logger: false,
      onAuth: (a, _s, cb) => {
        void oidc.introspect(a.accessToken ?? '').then((r) => {
          const ok = a.method === 'XOAUTH2' && r.active && r.sub === a.username;
          logins.push({ user: a.username ?? '', ok });
          cb(ok ? null : Object.assign(new Error('Invalid token'), { responseCode: 535 }), ok ? { user: a.username } : undefined);
        });
      },
      onData: (stream, session, cb) => {
        stream.resume();
        stream.on('end', () => {
          delivered.push(...session.envelope.rcptTo.map((r) => r.address));
          cb();
        });
      },
    });
    smtp.on('error', () => {});
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    smtpPort = (smtp.server.address() as { port: number }).port;
    server = await startAppServer({ port, publicUrl: url, outboxRetrySeconds: 600, outboxTimeoutMs: 5000 });
    expect(server.url).toBe(url);
    api = new MailroomClient({ baseUrl: server.url });
    await api.auth.login(server.adminLogin, server.adminPassword);
    browser = await launchBrowser();
    const a = await newPage(browser, { baseURL: server.url });
    admin = a.page;
    problems = a.problems;
    closeAll = () => a.context.close();
    await signIn(admin, server.adminLogin, server.adminPassword);
  });
  afterAll(async () => {
    await closeAll?.();
    await browser?.close();
    await server?.stop();
    await oidc?.stop();
    await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
  });

  it('without an OAuth client registered, OAuth2 points to Mail providers', async () => {
    await admin.getByTestId('nav-admin-system-mail').click();
    await seeText(admin, 'section-title', 'System mail account');
    await admin.getByTestId('system-mail-auth').getByText('OAuth2').click();
    await seeText(admin, 'system-mail-oauth-none', 'its OAuth client must first be registered for the organisation in Administration → Mail providers');
    expect(await admin.getByTestId('system-mail-password').count()).toBe(0);
    expect(await admin.getByTestId('system-mail-oauth-provider').isDisabled()).toBe(true);
    expect(await admin.getByTestId('system-mail-oauth-start').count()).toBe(0);
    await seeText(admin, 'system-mail-oauth-state', 'Not signed in yet');
    await admin.getByTestId('system-mail-oauth-none').scrollIntoViewIfNeeded();
    await shot(admin, 'system-mail-oauth-none');
    await admin.getByTestId('system-mail-oauth-providers-link').click();
    await seeText(admin, 'section-title', 'Mail providers');
    expect(new URL(admin.url()).pathname).toBe('/admin/mail-providers');
  });

  it('the administrator signs the account in at the provider; the browser comes back signed in', async () => {
    await register('outlook');
    await admin.goto('/admin/system-mail');
    await admin.getByTestId('system-mail-form').waitFor();
    await admin.getByTestId('system-mail-enabled').check({ force: true });
    await admin.getByTestId('system-mail-from').fill('mailer@example.com');
    await admin.getByTestId('system-mail-display-name').fill('Corp notifications');
    await admin.getByTestId('system-mail-host').fill('127.0.0.1');
    await pick(admin, 'system-mail-security', 'None');
    await admin.getByTestId('system-mail-port').fill(String(smtpPort));
    await admin.getByTestId('system-mail-auth').getByText('OAuth2').click();
    expect(await admin.getByTestId('system-mail-oauth-none').count()).toBe(0);
    // the user name is needed before anything is saved
    expect(await admin.getByTestId('system-mail-save').isDisabled()).toBe(true);
    await admin.getByTestId('system-mail-oauth-login').fill('mailer');
    await pick(admin, 'system-mail-oauth-provider', PROVIDER);
    expect(await admin.getByTestId('system-mail-oauth-provider').inputValue()).toBe(PROVIDER);
    await seeText(admin, 'system-mail-oauth-state', 'Not signed in yet');
    expect(await signedIn(admin)).toBe('false');
    await seeText(admin, 'system-mail-oauth-start', `Sign in with ${PROVIDER}`);
    await admin.getByTestId('system-mail-oauth-start').scrollIntoViewIfNeeded();
    await shot(admin, 'system-mail-oauth');

    // saves the form, then goes to the provider's pages (sign-in and consent answered at once) and back
    await admin.getByTestId('system-mail-oauth-start').click();
    await seeText(admin, 'system-mail-connected', `Signed in: the system account now sends with ${PROVIDER}.`);
    await until(async () => new URL(admin.url()).pathname === '/admin/system-mail' && new URL(admin.url()).search === '', 'the address loses ?connected=1');
    await seeText(admin, 'system-mail-oauth-state', `Signed in with ${PROVIDER}`);
    expect(await signedIn(admin)).toBe('true');
    expect(oidc.authorized).toHaveLength(1);
    const asked = oidc.authorized[0]!;
    expect(asked.get('client_id')).toBe(oidc.clientId);
    expect(asked.get('code_challenge_method')).toBe('S256');
    expect(asked.get('login_hint')).toBe('mailer');
    expect(asked.get('redirect_uri')).toBe(`${server.url}/api/v1/accounts/oauth/callback`);
    // the form was saved before leaving: it comes back as it was typed
    expect(await admin.getByTestId('system-mail-oauth-login').inputValue()).toBe('mailer');
    expect(await admin.getByTestId('system-mail-port').inputValue()).toBe(String(smtpPort));
    expect(await admin.getByTestId('system-mail-enabled').isChecked()).toBe(true);
    const saved = await api.http.call<Record<string, unknown>>('GET', '/api/v1/admin/system-mail');
    expect(saved).toMatchObject({ auth: 'oauth2', login: 'mailer', oauthPreset: 'outlook', oauthSignedIn: true, hasPassword: false });
    await top(admin);
    await shot(admin, 'system-mail-oauth-connected');

    // announced once
    await admin.reload();
    await admin.getByTestId('system-mail-form').waitFor();
    await seeText(admin, 'system-mail-oauth-state', `Signed in with ${PROVIDER}`);
    expect(await admin.getByTestId('system-mail-connected').count()).toBe(0);
  });

  it('a test message goes out over XOAUTH2 and shows the server’s 250', async () => {
    await admin.getByTestId('system-mail-test-to').fill('partner@outside.example');
    await admin.getByTestId('system-mail-test-send').click();
    await admin.locator('[data-testid="system-mail-test-result"][data-ok="true"]').waitFor();
    await seeText(admin, 'system-mail-test-result', 'The server accepted the message.');
    await seeText(admin, 'system-mail-test-response', /^The server’s answer: 250 /);
    expect(delivered).toContain('partner@outside.example');
    expect(logins.at(-1)).toEqual({ user: 'mailer', ok: true });
    await admin.getByTestId('system-mail-test-result').scrollIntoViewIfNeeded();
    await shot(admin, 'system-mail-oauth-test');
  });

  it('saving with the same provider keeps the sign-in; another provider is signed in anew', async () => {
    await admin.getByTestId('system-mail-display-name').fill('Corp mailer');
    await admin.getByTestId('system-mail-save').click();
    await seeText(admin, 'system-mail-saved', 'The system mail account is saved.');
    await seeText(admin, 'system-mail-oauth-state', `Signed in with ${PROVIDER}`);

    await register('gmail');
    await admin.reload();
    await admin.getByTestId('system-mail-form').waitFor();
    await pick(admin, 'system-mail-oauth-provider', 'Gmail');
    await seeText(admin, 'system-mail-oauth-state', 'Not signed in yet');
    await seeText(admin, 'system-mail-oauth-hint', `Signed in with ${PROVIDER} until now: with another provider, sign in again after saving.`);
    await seeText(admin, 'system-mail-oauth-start', 'Sign in with Gmail');
    // changed back before saving: nothing is lost
    await pick(admin, 'system-mail-oauth-provider', PROVIDER);
    await seeText(admin, 'system-mail-oauth-state', `Signed in with ${PROVIDER}`);
    expect(await admin.getByTestId('system-mail-test-unsaved').count()).toBe(0);
  });

  it('a withdrawn grant makes the test fail with what to do; signing in again sends', async () => {
    await oidc.revokeAll();
    await admin.getByTestId('system-mail-test-send').click();
    await admin.locator('[data-testid="system-mail-test-result"][data-ok="false"]').waitFor();
    await admin.locator('[data-testid="outbox-problem"][data-problem="AUTH_FAILED"]').waitFor();
    await seeText(admin, 'outbox-problem-text', 'The mail server did not accept the sign-in with the provider');
    await seeText(admin, 'outbox-problem-fix', 'Press “Sign in with …” above and allow access at the provider');
    await admin.getByTestId('system-mail-test-result').scrollIntoViewIfNeeded();
    await shot(admin, 'system-mail-oauth-revoked');

    await admin.getByTestId('system-mail-oauth-start').click();
    await seeText(admin, 'system-mail-connected', `Signed in: the system account now sends with ${PROVIDER}.`);
    expect(oidc.authorized).toHaveLength(2);
    await admin.getByTestId('system-mail-test-to').fill('again@outside.example');
    await admin.getByTestId('system-mail-test-send').click();
    await admin.locator('[data-testid="system-mail-test-result"][data-ok="true"]').waitFor();
    await seeText(admin, 'system-mail-test-response', / 250 /);
    expect(delivered).toContain('again@outside.example');
  });

  it('reads well in Russian and Polish', async () => {
    await chooseLanguage(admin, 'ru');
    await admin.goto('/admin/system-mail?connected=1');
    await seeText(admin, 'system-mail-connected', `Вход выполнен: системная почта теперь отправляет письма через ${PROVIDER}.`);
    await seeText(admin, 'system-mail-oauth-state', `Вход выполнен через ${PROVIDER}`);
    await admin.getByTestId('system-mail-auth').getByText('OAuth2 (вход через провайдера)').waitFor();
    await seeText(admin, 'system-mail-oauth-start', `Войти через ${PROVIDER}`);
    await until(async () => new URL(admin.url()).search === '', 'the address loses ?connected=1');
    await top(admin);
    await shot(admin, 'system-mail-oauth-connected-ru');
    await admin.getByTestId('system-mail-oauth-start').scrollIntoViewIfNeeded();
    await shot(admin, 'system-mail-oauth-ru');

    await chooseLanguage(admin, 'pl');
    await seeText(admin, 'system-mail-oauth-state', `Zalogowano przez ${PROVIDER}`);
    await admin.getByTestId('system-mail-auth').getByText('OAuth2 (logowanie u dostawcy)').waitFor();
    await admin.getByTestId('system-mail-oauth-start').scrollIntoViewIfNeeded();
    await shot(admin, 'system-mail-oauth-pl');
    await chooseLanguage(admin, 'en');
    expect(realProblems(problems)).toEqual([]);
  });
});
