import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { MailroomClient } from '@mailroom/sdk';
import { hasBrowser, launchBrowser, newPage, shot } from '../harness/browser.ts';
import { freePort, startServer, type RunningServer } from '../harness/server.ts';
import { chooseLanguage, pick, seeText, signIn, until } from '../harness/steps.ts';
import { startOidc, type Oidc } from '../../server/test/harness/oidc.ts';

const suffix = Date.now().toString(36);
const anna = { login: `anna.${suffix}`, name: `Anna Berg ${suffix}`, password: 'anna-pass-123' };
const email = 'anna@corp.example';

const row = (page: Page, id: string) => page.locator(`[data-testid="provider-row"][data-id="${id}"]`);
const card = (page: Page) => page.locator(`[data-testid="account-card"][data-name="${email}"]`);
const problemOf = (page: Page) => card(page).getByTestId('account-problem').getAttribute('data-problem');

describe.skipIf(!hasBrowser)('mail providers: the organisation\'s presets, sign-in at a provider (OAuth2) and its returns', () => {
  let server: RunningServer;
  let browser: Browser;
  let oidc: Oidc;
  let admin: Page;
  let person: Page;
  let closeAll: () => Promise<void>;
  let accountId = '';

  beforeAll(async () => {
    server = await startServer({ env: { ACCOUNT_TIMEOUT_MS: '3000', ACCOUNT_IDLE: 'false', ACCOUNT_SYNC_SECONDS: '3600' } });
    // the real authorization server the server tests use (oidc-provider on loopback): code + PKCE,
    // refresh tokens, revocation; "Allow" is answered at once. Access tokens live 60 s, less than the
    // 2 minutes before the end at which Mailroom renews, so every use of the account renews its token.
    oidc = await startOidc({ redirectUri: `${server.url}/api/v1/accounts/oauth/callback`, accountId: 'anna', accessTtlSeconds: 60 });
    const api = new MailroomClient({ baseUrl: server.url });
    await api.auth.login(server.adminLogin, server.adminPassword);
    await api.users.create({ ...anna, language: 'en' });
    browser = await launchBrowser();
    const a = await newPage(browser, { baseURL: server.url });
    const p = await newPage(browser, { baseURL: server.url });
    admin = a.page;
    person = p.page;
    closeAll = async () => {
      await a.context.close();
      await p.context.close();
    };
    await signIn(admin, server.adminLogin, server.adminPassword);
    await signIn(person, anna.login, anna.password);
  });
  afterAll(async () => {
    await closeAll?.();
    await browser?.close();
    await server?.stop();
    await oidc?.stop();
  });

  it('the administrator adds the organisation\'s provider for its mail domain; a wrong server is named', async () => {
    // nothing listens there: the account's mailbox is out of reach, only the sign-in matters here
    const closed = await freePort();
    await admin.getByTestId('nav-admin-providers').click();
    await seeText(admin, 'section-title', 'Mail providers');
    await admin.getByTestId('providers-empty').waitFor();
    await row(admin, 'gmail').waitFor();
    expect(await row(admin, 'gmail').getByTestId('provider-edit').count()).toBe(0);

    await admin.getByTestId('provider-add').click();
    await admin.getByTestId('preset-name').fill('Example Corp');
    expect(await admin.getByTestId('preset-id').inputValue()).toBe('example-corp');
    await admin.getByTestId('preset-domains').fill('corp.example');
    await admin.getByTestId('preset-imap-host').fill('bad host');
    await admin.getByTestId('preset-imap-port').fill(String(closed));
    await pick(admin, 'preset-imap-security', 'None');
    await admin.getByTestId('preset-smtp-host').fill('127.0.0.1');
    await admin.getByTestId('preset-smtp-port').fill(String(closed));
    await pick(admin, 'preset-smtp-security', 'None');
    await admin.getByTestId('preset-submit').click();
    await seeText(admin, 'preset-error', 'Check the field “IMAP server”.');
    await shot(admin, 'providers-preset-error');

    await admin.getByTestId('preset-imap-host').fill('127.0.0.1');
    await admin.getByTestId('preset-submit').click();
    await until(async () => (await admin.getByTestId('preset-modal').count()) === 0, 'the provider window closes after saving');
    await seeText(admin, 'provider-domains', 'corp.example');
    expect(await row(admin, 'example-corp').getAttribute('data-oauth')).toBe('false');
  });

  it('the administrator registers the OAuth client of the provider; its secret is write-only', async () => {
    await row(admin, 'example-corp').getByTestId('provider-oauth').click();
    await seeText(admin, 'oauth-redirect-uri', `${server.url}/api/v1/accounts/oauth/callback`);
    await admin.getByTestId('oauth-authorize-url').fill('not an address');
    await admin.getByTestId('oauth-token-url').fill(oidc.tokenUrl);
    await admin.getByTestId('oauth-client-id').fill(oidc.clientId);
    await admin.getByTestId('oauth-client-secret').fill(oidc.clientSecret);
    await admin.getByTestId('oauth-scope').fill('openid offline_access email mail');
    await admin.getByTestId('oauth-submit').click();
    await seeText(admin, 'oauth-error', 'Check the field “Authorization address”.');

    await admin.getByTestId('oauth-authorize-url').fill(oidc.authorizeUrl);
    await admin.getByTestId('oauth-submit').click();
    await until(async () => (await admin.getByTestId('oauth-modal').count()) === 0, 'the sign-in window closes after saving');
    await until(async () => (await row(admin, 'example-corp').getAttribute('data-oauth')) === 'true', 'the provider signs in at the provider');
    await row(admin, 'example-corp').getByTestId('provider-secret-stored').waitFor();
    await shot(admin, 'providers-list');

    // the secret is never shown again: blank keeps it
    await row(admin, 'example-corp').getByTestId('provider-oauth').click();
    expect(await admin.getByTestId('oauth-client-secret').inputValue()).toBe('');
    await admin.getByRole('dialog').filter({ hasText: 'A secret is stored. Leave empty to keep it.' }).waitFor();
    await shot(admin, 'providers-oauth');
    await admin.getByTestId('oauth-submit').click();
    await until(async () => (await admin.getByTestId('oauth-modal').count()) === 0, 'saved again without a secret');
    await row(admin, 'example-corp').getByTestId('provider-secret-stored').waitFor();
  });

  it('a person\'s address picks the organisation\'s provider, which offers "Sign in with Example Corp" instead of a password', async () => {
    await person.goto('/settings/accounts');
    await person.getByTestId('account-add').click();
    await person.getByTestId('account-email').fill(email);
    expect(await person.getByTestId('account-preset').inputValue()).toBe('Example Corp');
    await seeText(person, 'account-oauth-start', 'Sign in with Example Corp');
    expect(await person.getByTestId('account-password').count()).toBe(0);
    expect(await person.getByTestId('account-check').count()).toBe(0);
    await person.getByTestId('account-oauth-start').scrollIntoViewIfNeeded();
    await shot(person, 'accounts-oauth-add');
    // the password way is still there
    await person.getByTestId('account-signin-way').getByText('With a password').click();
    await person.getByTestId('account-password').waitFor();
    await person.getByTestId('account-save').waitFor();
    await person.getByTestId('account-signin-way').getByText('At Example Corp').click();
    await person.getByTestId('account-oauth-start').waitFor();
  });

  it('signing in at the provider connects the account; when the grant is withdrawn the account asks to sign in again', async () => {
    await person.getByTestId('account-oauth-start').click();
    await seeText(person, 'accounts-notice', `The account “${email}” is connected; its mail is being loaded.`);
    await until(async () => new URL(person.url()).search === '', 'the address loses ?connected=');
    expect(oidc.authorized).toHaveLength(1);
    const asked = oidc.authorized[0]!;
    expect(asked.get('client_id')).toBe(oidc.clientId);
    expect(asked.get('code_challenge_method')).toBe('S256');
    expect(asked.get('login_hint')).toBe(email);
    accountId = (await card(person).getAttribute('data-account-id')) ?? '';
    // the tokens work (the first synchronisation renews one): only the mailbox is out of reach
    await until(async () => (await problemOf(person)) === 'CONNECTION_REFUSED', 'the first synchronisation reaches the mailbox', 30_000);

    // the grant is withdrawn at the provider: the next renewal is refused
    await oidc.revokeAll();
    await card(person).getByTestId('account-reconnect').click();
    await until(async () => (await problemOf(person)) === 'OAUTH_REVOKED', 'the refused renewal shows on the account', 30_000);
    await seeText(person, 'account-problem-text', 'Access to the mailbox was withdrawn.');
    await seeText(person, 'account-problem-fix', 'Press “Sign in again” and allow access at the provider.');
    await shot(person, 'accounts-oauth-revoked');

    // an account signed in at the provider keeps no password: editing does not ask for one
    await card(person).getByTestId('account-edit').click();
    await person.getByTestId('account-signed-in').waitFor();
    expect(await person.getByTestId('account-password').count()).toBe(0);
    await person.keyboard.press('Escape');
    await until(async () => (await person.getByTestId('account-modal').count()) === 0, 'the account window closes');

    await card(person).getByTestId('account-signin-again').click();
    await seeText(person, 'accounts-notice', `The account “${email}” is connected`);
    expect(oidc.authorized).toHaveLength(2);
    expect(oidc.authorized[1]!.get('code_challenge_method')).toBe('S256');
    // fresh tokens: now the mailbox itself is tried (and nothing listens there)
    await until(async () => (await problemOf(person)) === 'CONNECTION_REFUSED', 'the account is signed in again', 30_000);
  });

  it('the returns from the provider are worded: a withdrawn grant, an expired sign-in, a connected account (ru, pl)', async () => {
    await person.goto('/settings/accounts?oauthError=OAUTH_REVOKED');
    const failed = person.locator('[data-testid="accounts-oauth-error"][data-code="OAUTH_REVOKED"]');
    await failed.waitFor();
    await seeText(person, 'accounts-oauth-reason', 'Access to the mailbox was withdrawn.');
    await seeText(person, 'accounts-oauth-fix', 'Start the sign-in again.');
    await until(async () => new URL(person.url()).search === '', 'the address loses ?oauthError=');
    await shot(person, 'accounts-oauth-error');
    await person.reload();
    await card(person).waitFor();
    expect(await person.getByTestId('accounts-oauth-error').count()).toBe(0);

    await person.goto('/settings/accounts?oauthError=VALIDATION_FAILED');
    await seeText(person, 'accounts-oauth-reason', 'The sign-in took too long, or it was started in another window or session.');

    await chooseLanguage(person, 'ru');
    await seeText(person, 'accounts-oauth-reason', 'Вход занял слишком много времени');
    await seeText(person, 'account-problem-text', 'Сервер отклонил подключение.');
    await shot(person, 'accounts-oauth-error-ru');
    await person.goto(`/settings/accounts?connected=${accountId}`);
    await seeText(person, 'accounts-notice', `Ящик «${email}» подключён`);
    await shot(person, 'accounts-oauth-connected-ru');
    await chooseLanguage(person, 'pl');
    await seeText(person, 'accounts-notice', `Konto „${email}” jest połączone`);
    await chooseLanguage(person, 'en');
  });

  it('the administration page reads well in Polish and Russian; sign-in is turned off and the provider removed', async () => {
    await chooseLanguage(admin, 'pl');
    await seeText(admin, 'section-title', 'Dostawcy poczty');
    await shot(admin, 'providers-pl');
    await chooseLanguage(admin, 'ru');
    await row(admin, 'example-corp').getByTestId('provider-oauth').click();
    await admin.getByTestId('oauth-authorize-url').waitFor();
    await shot(admin, 'providers-oauth-ru');
    await admin.getByTestId('oauth-remove').click();
    await until(async () => (await row(admin, 'example-corp').getAttribute('data-oauth')) === 'false', 'sign-in at the provider is off');
    await row(admin, 'example-corp').getByTestId('provider-remove').click();
    await admin.getByTestId('confirm-submit').click();
    await admin.getByTestId('providers-empty').waitFor();
    await chooseLanguage(admin, 'en');

    // the person's form no longer knows the domain
    await person.goto('/settings/accounts');
    await person.getByTestId('account-add').click();
    await person.getByTestId('account-email').fill('bob@corp.example');
    expect(await person.getByTestId('account-preset').inputValue()).toBe('Other');
  });
});
