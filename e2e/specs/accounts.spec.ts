import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { MailroomClient } from '@mailroom/sdk';
import { hasBrowser, launchBrowser, newPage, shot } from '../harness/browser.ts';
import { folder } from '../harness/mail.ts';
import { dovecotInstalled, fillOutsideServers, startOutsideMail, type OutsideMail } from '../harness/outside-mail.ts';
import { startServer, type RunningServer } from '../harness/server.ts';
import { chooseLanguage, pick, seeText, signIn, until } from '../harness/steps.ts';

const suffix = Date.now().toString(36);
const anna = { login: `anna.${suffix}`, name: `Anna Berg ${suffix}`, password: 'anna-pass-123' };
const account = {
  name: 'Work mail', email: 'anna@example.com', login: 'anna', password: 'pw-anna', signature: 'Anna Berg, Example Ltd.',
  signatureRu: 'Анна Берг, ООО «Пример»', signaturePl: 'Anna Berg, Przykład sp. z o.o.',
};
const htmlSubject = `Newsletter with a picture ${suffix}`;
const textSubject = `Plain hello ${suffix}`;
const remoteImage = 'http://127.0.0.1:9/x.png';
const bounceSubject = `Undelivered ${suffix}`;

/** Compose from the account in the language in use: its signature in that language, none of the others; then discard. */
async function signatureInCompose(page: Page, signature: string, others: string[], name: string) {
  await page.getByTestId('nav-mail').click();
  await page.getByTestId('mail-compose').click();
  await pick(page, 'compose-from', new RegExp(account.email));
  await until(async () => (await page.getByTestId('compose-body').innerText()).includes(signature), `the signature "${signature}" is added`);
  await shot(page, name);
  const body = await page.getByTestId('compose-body').innerText();
  for (const o of others) expect(body).not.toContain(o);
  await page.getByTestId('compose-discard').click();
  await until(async () => (await page.getByTestId('compose-modal').count()) === 0, 'the draft is discarded');
}

/** Opens the delivery report without readable parts in the account's Inbox: the notice in the language in use. */
async function readBounce(page: Page, notice: string, name: string) {
  await page.getByTestId('nav-mail').click();
  await page.locator('[data-testid="mail-folder"][data-role="account"][data-name="Inbox"]').click();
  await page.locator('[data-testid="mail-row"]', { hasText: bounceSubject }).getByTestId('mail-row-open').click();
  await seeText(page, 'mail-parse-problem', notice);
  await shot(page, name);
}

const frameImage = (page: Page) => page.frameLocator('[data-testid="mail-body"]').locator('img').first();
const card = (page: Page, name: string) => page.locator(`[data-testid="account-card"][data-name="${name}"]`);

describe.skipIf(!hasBrowser || !dovecotInstalled())('external mail accounts: add, check, synchronise, read outside mail, compose from it, errors', () => {
  let server: RunningServer;
  let browser: Browser;
  let outside: OutsideMail;
  let ui: Awaited<ReturnType<typeof newPage>>;

  beforeAll(async () => {
    outside = await startOutsideMail(account.login, account.password);
    await outside.append(`From: Carol <carol@example.org>\nTo: anna@example.com\nSubject: ${textSubject}\nMessage-ID: <t-${suffix}@example.org>\n\nHello from outside.\n`);
    await outside.append(
      `From: News <news@example.org>\nTo: anna@example.com\nSubject: ${htmlSubject}\nMessage-ID: <h-${suffix}@example.org>\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n` +
        `<html><body><p>Our news of the week.</p><img src="${remoteImage}" alt="chart" width="40" height="40"></body></html>\n`,
    );
    // a delivery report whose boundary parameter was cut short: no part can be found, the words are there
    await outside.append(
      `From: Mail Delivery <mailer-daemon@example.org>\nTo: anna@example.com\nSubject: ${bounceSubject}\nMessage-ID: <u-${suffix}@example.org>\nMIME-Version: 1.0\n` +
        `Content-Type: multipart/report; report-type=delivery-status;\n\tbo\n\n--XYZ\nContent-Type: text/plain\n\nYour message to bob@example.net could not be delivered.\n--XYZ--\n`,
    );
    server = await startServer({ env: { ACCOUNT_TIMEOUT_MS: '3000', ACCOUNT_IDLE: 'false', ACCOUNT_SYNC_SECONDS: '3600' } });
    const api = new MailroomClient({ baseUrl: server.url });
    await api.auth.login(server.adminLogin, server.adminPassword);
    await api.users.create({ ...anna, language: 'en' });
    browser = await launchBrowser();
    ui = await newPage(browser, { baseURL: server.url });
    await signIn(ui.page, anna.login, anna.password);
  });
  afterAll(async () => {
    await ui?.context.close();
    await browser?.close();
    await server?.stop();
    await outside?.stop();
  });

  it('Settings → Mail accounts shows none yet', async () => {
    const { page } = ui;
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-accounts').waitFor();
    await shot(page, 'accounts-settings-card');
    await page.getByTestId('settings-accounts-open').click();
    await seeText(page, 'section-title', 'Mail accounts');
    await page.getByTestId('accounts-empty').waitFor();
  });

  it('adds an "Other" IMAP account: the address picks the provider, Check account passes every step', async () => {
    const { page } = ui;
    await page.getByTestId('account-add').click();
    await page.getByTestId('account-email').waitFor();
    // a known domain picks its provider and its servers
    await page.getByTestId('account-email').fill('someone@gmail.com');
    expect(await page.getByTestId('account-preset').inputValue()).toBe('Gmail');
    await seeText(page, 'account-servers', 'imap.gmail.com:993');
    // an unknown one is "Other", with the server fields
    await page.getByTestId('account-email').fill(account.email);
    expect(await page.getByTestId('account-preset').inputValue()).toBe('Other');
    await page.getByTestId('account-name').fill(account.name);
    await fillOutsideServers(page, outside);
    await page.getByTestId('account-signature-en').fill(account.signature);
    await page.getByTestId('account-signature-ru').fill(account.signatureRu);
    await page.getByTestId('account-signature-pl').fill(account.signaturePl);

    await page.getByTestId('account-check').click();
    await page.locator('[data-testid="account-check-result"][data-ok="true"]').waitFor({ timeout: 30_000 });
    const steps = await page.getByTestId('account-check-step').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-step')}:${e.getAttribute('data-ok')}`));
    expect(steps).toEqual(['connect:true', 'login:true', 'folders:true', 'send:true']);
    await seeText(page, 'account-check-folders', 'INBOX');
    expect(outside.received.some((m) => /Subject: Mailroom: test message/.test(m))).toBe(true);
    await page.getByTestId('account-check-result').scrollIntoViewIfNeeded();
    await shot(page, 'accounts-check');

    await page.getByTestId('account-save').click();
    await until(async () => (await page.getByTestId('account-modal').count()) === 0, 'the account window closes after saving');
    await page.getByTestId('accounts-notice').waitFor();
    await until(async () => (await card(page, account.name).getAttribute('data-status')) === 'ready', 'the account is synchronised', 30_000);
    await seeText(page, 'account-status', 'Up to date');
    await page.getByTestId('account-last-sync').waitFor();
    await shot(page, 'accounts-list');
  });

  it('Mail shows the account as a folder tree with its state; the HTML message has its remote images blocked until allowed', async () => {
    const { page } = ui;
    await page.getByTestId('nav-mail').click();
    const top = page.locator(`[data-testid="mail-folder"][data-name="${account.name}"]`);
    await top.waitFor();
    await top.locator('[data-testid="mail-account-status"][data-status="ready"]').waitFor();
    // under its top folder, the server's special folders come in the order (and with the names) of my own
    const parts = await page.locator('[data-testid="mail-folder"][data-role="account"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-account-role')));
    expect(parts).toEqual(['account', 'inbox', 'drafts', 'sent', 'trash']);
    // the account's folders have no folder menu (they mirror the server)
    const inbox = page.locator('[data-testid="mail-folder"][data-role="account"][data-name="Inbox"]');
    await inbox.click();
    await page.locator('[data-testid="mail-row"]', { hasText: htmlSubject }).getByTestId('mail-row-open').click();
    await seeText(page, 'mail-subject', htmlSubject);
    await page.getByTestId('mail-download-raw').waitFor();
    await page.getByTestId('mail-images-blocked').waitFor();
    expect(await frameImage(page).getAttribute('src')).toBeNull();
    await shot(page, 'accounts-mail-images-blocked');

    await page.getByTestId('mail-images-show').click();
    await until(async () => (await page.getByTestId('mail-images-blocked').count()) === 0, 'the blocked-images bar goes away');
    expect(await frameImage(page).getAttribute('src')).toBe(remoteImage);
    await shot(page, 'accounts-mail-images-shown');

    // a message whose parts cannot be found: its words shown as they came, said so, the original offered
    await page.locator('[data-testid="mail-row"]', { hasText: bounceSubject }).getByTestId('mail-row-open').click();
    await seeText(page, 'mail-subject', bounceSubject);
    await seeText(page, 'mail-parse-problem', 'its text is shown as it came');
    await page.frameLocator('[data-testid="mail-body"]').getByText('could not be delivered').waitFor();
    await page.getByTestId('mail-download-raw').waitFor();
    await shot(page, 'accounts-mail-no-readable-part');
  });

  it('compose: From the account puts its signature in; outside addresses can be typed; it goes out over the SMTP server', async () => {
    const { page } = ui;
    await page.getByTestId('mail-compose').click();
    await page.getByTestId('compose-from').waitFor();
    expect(await page.getByTestId('compose-body').innerText()).not.toContain(account.signature);
    await pick(page, 'compose-from', new RegExp(account.email));
    await until(async () => (await page.getByTestId('compose-body').innerText()).includes(account.signature), 'the signature is added');
    // only the one of the language in use
    expect(await page.getByTestId('compose-body').innerText()).not.toContain(account.signatureRu);
    await page.getByTestId('compose-to').fill('bob@example.org');
    await page.getByTestId('recipient-option').filter({ hasText: 'bob@example.org' }).first().click();
    await page.locator('[data-testid="compose-to-pill"][data-kind="external"]').waitFor();
    await page.getByTestId('compose-subject').fill(`From outside ${suffix}`);
    await shot(page, 'accounts-compose-from');
    await page.getByTestId('compose-send').click();
    await until(async () => (await page.getByTestId('compose-modal').count()) === 0, 'the message is sent from the account', 20_000);
    await until(async () => outside.received.some((m) => m.includes(`From outside ${suffix}`)), 'the SMTP server got the message');
  });

  it('light mode: browse the server, open a message, import it and open it in Mail', async () => {
    const { page } = ui;
    const api = new MailroomClient({ baseUrl: server.url });
    await api.auth.login(anna.login, anna.password);
    await api.accounts.create({
      name: 'Light box', email: account.email, login: account.login, password: account.password, mode: 'light',
      incoming: { host: '127.0.0.1', port: outside.dv.imap, security: 'none' }, smtp: { host: '127.0.0.1', port: outside.smtpPort, security: 'none' },
    });
    // made elsewhere (through the API): the page is opened afresh
    await page.goto('/settings/accounts');
    await card(page, 'Light box').getByTestId('account-browse').click();
    await page.locator('[data-testid="remote-folder"][data-path="INBOX"]').waitFor();
    const plain = page.locator('[data-testid="remote-row"]', { hasText: textSubject });
    await plain.getByTestId('remote-row-open').click();
    await page.getByTestId('remote-message').waitFor();
    expect(await page.frameLocator('[data-testid="mail-body"]').locator('body').innerText()).toContain('Hello from outside.');
    await plain.getByTestId('remote-row-check').check();
    await seeText(page, 'remote-selected', 'Selected: 1');
    await shot(page, 'accounts-browse');
    await page.getByTestId('remote-import').click();
    await page.getByTestId('remote-imported').waitFor();
    await page.getByTestId('remote-imported-open').click();
    await seeText(page, 'mail-subject', textSubject);
  });

  it('a wrong password is worded with what to do; Reconnect is offered; the page reads well in Russian and Polish', async () => {
    const { page } = ui;
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-accounts-open').click();
    await card(page, account.name).getByTestId('account-edit').click();
    await page.getByTestId('account-password').fill('wrong-password');
    await page.getByTestId('account-save').click();
    await until(async () => (await page.getByTestId('account-modal').count()) === 0, 'the account window closes');
    const work = card(page, account.name);
    await until(async () => (await work.getAttribute('data-status')) === 'error', 'the account fails to sign in', 30_000);
    expect(await work.getByTestId('account-problem').getAttribute('data-problem')).toBe('AUTH_FAILED');
    await seeText(page, 'account-problem-text', 'The server did not accept the login or the password.');
    await seeText(page, 'account-problem-fix', 'create an app password');
    await work.getByTestId('account-reconnect').waitFor();
    await shot(page, 'accounts-error');

    await chooseLanguage(page, 'ru');
    await seeText(page, 'section-title', 'Почтовые ящики');
    await seeText(page, 'account-problem-text', 'Сервер не принял логин или пароль.');
    await shot(page, 'accounts-error-ru');
    await work.getByTestId('account-edit').click();
    await page.getByTestId('account-email').waitFor();
    await shot(page, 'accounts-edit-ru');
    await page.keyboard.press('Escape');
    await page.getByTestId('nav-mail').click();
    await folder(page, 'inbox').waitFor();
    await shot(page, 'accounts-mail-ru');
    await readBounce(page, 'текст показан в том виде, в каком он пришёл', 'accounts-mail-no-readable-part-ru');
    await signatureInCompose(page, account.signatureRu, [account.signature, account.signaturePl], 'accounts-compose-signature-ru');

    await chooseLanguage(page, 'pl');
    await signatureInCompose(page, account.signaturePl, [account.signature, account.signatureRu], 'accounts-compose-signature-pl');
    await readBounce(page, 'tekst pokazano w takiej postaci', 'accounts-mail-no-readable-part-pl');
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-accounts-open').click();
    await seeText(page, 'section-title', 'Konta pocztowe');
    await seeText(page, 'account-problem-text', 'Serwer nie przyjął loginu lub hasła.');
    await seeText(page, 'account-problem-fix', 'hasło aplikacji');
    await shot(page, 'accounts-error-pl');
    await chooseLanguage(page, 'en');
  });

  it('removing an account says that its imported mail goes too', async () => {
    const { page } = ui;
    await card(page, 'Light box').getByTestId('account-remove').click();
    await page.getByRole('dialog').filter({ hasText: 'all mail imported from it is removed from Mailroom' }).waitFor();
    await page.getByTestId('confirm-submit').click();
    await until(async () => (await card(page, 'Light box').count()) === 0, 'the account is removed');
  });
});
