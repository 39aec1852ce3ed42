import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { MailroomClient } from '@mailroom/sdk';
import { hasBrowser, launchBrowser, newPage, shot } from '../harness/browser.ts';
import { row } from '../harness/mail.ts';
import { dovecotInstalled, fillOutsideServers, startOutsideMail, type OutsideMail } from '../harness/outside-mail.ts';
import { startServer, type RunningServer } from '../harness/server.ts';
import { chooseLanguage, pick, seeText, signIn, until } from '../harness/steps.ts';

const suffix = Date.now().toString(36);
const anna = { login: `anna.${suffix}`, name: `Anna Berg ${suffix}`, password: 'anna-pass-123' };
const boris = { login: `boris.${suffix}`, name: `Boris Lind ${suffix}`, password: 'boris-pass-123' };
const box = { name: 'Info', email: 'info@example.com', login: 'info', password: 'pw-info' };
const subject = `Question from a customer ${suffix}`;

const card = (page: Page) => page.locator(`[data-testid="account-card"][data-name="${box.name}"]`);
/** The folders a person has from the shared mailbox (through the API). */
const boxFolders = async (c: MailroomClient, accountId: string) => (await c.mail.folders()).items.filter((f) => f.accountId === accountId);

describe.skipIf(!hasBrowser || !dovecotInstalled())('shared mailboxes: an administrator connects one for two people, who find its mail in their own', () => {
  let server: RunningServer;
  let browser: Browser;
  let outside: OutsideMail;
  let admin: Awaited<ReturnType<typeof newPage>>;
  let person: Awaited<ReturnType<typeof newPage>>;
  let annaApi: MailroomClient;
  let borisApi: MailroomClient;
  let accountId = '';

  beforeAll(async () => {
    outside = await startOutsideMail(box.login, box.password);
    await outside.append(`From: Carol <carol@example.org>\nTo: info@example.com\nSubject: ${subject}\nMessage-ID: <q-${suffix}@example.org>\n\nDo you ship abroad?\n`);
    server = await startServer({ env: { ACCOUNT_TIMEOUT_MS: '3000', ACCOUNT_IDLE: 'false', ACCOUNT_SYNC_SECONDS: '3600' } });
    const api = new MailroomClient({ baseUrl: server.url });
    await api.auth.login(server.adminLogin, server.adminPassword);
    await api.users.create({ ...anna, language: 'en' });
    await api.users.create({ ...boris, language: 'en' });
    annaApi = new MailroomClient({ baseUrl: server.url });
    await annaApi.auth.login(anna.login, anna.password);
    borisApi = new MailroomClient({ baseUrl: server.url });
    await borisApi.auth.login(boris.login, boris.password);
    browser = await launchBrowser();
    admin = await newPage(browser, { baseURL: server.url });
    await signIn(admin.page, server.adminLogin, server.adminPassword);
  });
  afterAll(async () => {
    await admin?.context.close();
    await person?.context.close();
    await browser?.close();
    await server?.stop();
    await outside?.stop();
  });

  it('Administration → Shared mailboxes: adds one with the personal account form, IMAP only, for two people', async () => {
    const { page } = admin;
    await page.getByTestId('nav-admin-shared').click();
    await seeText(page, 'section-title', 'Shared mailboxes');
    await page.getByTestId('shared-empty').waitFor();
    await page.getByTestId('shared-add').click();
    await page.getByTestId('account-email').fill(box.email);
    // a shared mailbox is read over IMAP: no choice of protocol
    expect(await page.getByTestId('account-protocol').count()).toBe(0);
    await page.getByTestId('account-name').fill(box.name);
    await fillOutsideServers(page, outside);
    // saving waits for the people responsible
    expect(await page.getByTestId('account-save').isDisabled()).toBe(true);
    await pick(page, 'shared-responsible', new RegExp(anna.name), anna.login);
    await pick(page, 'shared-responsible', new RegExp(boris.name), boris.login);
    await page.getByTestId('account-name').click();
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
    await shot(page, 'shared-add');

    await page.getByTestId('account-save').click();
    await until(async () => (await page.getByTestId('account-modal').count()) === 0, 'the window closes after saving');
    await seeText(page, 'shared-notice', 'The shared mailbox is added');
    const info = card(page);
    accountId = (await info.getAttribute('data-account-id'))!;
    await until(async () => (await info.getAttribute('data-status')) === 'ready', 'the shared mailbox is synchronised', 30_000);
    await seeText(page, 'account-status', 'Up to date');
    const names = await info.getByTestId('shared-responsible-names').innerText();
    expect(names).toContain(anna.name);
    expect(names).toContain(boris.name);
    for (const id of ['account-edit', 'account-responsible', 'account-reconnect', 'account-remove']) await info.getByTestId(id).waitFor();
    await shot(page, 'shared-admin-list');
  });

  it('a person responsible finds its folder tree with the mail, and in Settings it is "Shared": no Edit or Remove, Reconnect stays', async () => {
    person = await newPage(browser, { baseURL: server.url });
    const { page } = person;
    await signIn(page, anna.login, anna.password);
    const top = page.locator(`[data-testid="mail-folder"][data-name="${box.name}"]`);
    await top.waitFor();
    await top.locator('[data-testid="mail-account-status"][data-status="ready"]').waitFor();
    // the first account Inbox in the tree: Anna has no account of her own
    await page.locator('[data-testid="mail-folder"][data-role="account"][data-account-role="inbox"]').click();
    await row(page, subject).waitFor();
    await shot(page, 'shared-person-mail');

    await page.goto('/settings/accounts');
    const info = card(page);
    await info.getByTestId('account-shared').waitFor();
    await seeText(page, 'account-shared-hint', 'Connected by your administrators');
    await info.getByTestId('account-reconnect').waitFor();
    expect(await info.getByTestId('account-edit').count()).toBe(0);
    expect(await info.getByTestId('account-remove').count()).toBe(0);
    await shot(page, 'shared-person-settings');
    // the people responsible use it; changing it is the administrators'
    await expect(annaApi.accounts.update(accountId, { name: 'Mine' })).rejects.toMatchObject({ status: 404 });
  });

  it('the administrator takes Boris off: the mailbox leaves his Mail', async () => {
    const { page } = admin;
    expect((await boxFolders(borisApi, accountId)).length).toBeGreaterThan(0);
    await card(page).getByTestId('account-responsible').click();
    const modal = page.getByRole('dialog');
    await modal.locator('.mantine-Pill-root', { hasText: boris.name }).locator('.mantine-Pill-remove').click();
    await shot(page, 'shared-responsible');
    await page.getByTestId('responsible-save').click();
    await until(async () => (await page.getByTestId('responsible-modal').count()) === 0, 'the window closes');
    await seeText(page, 'shared-notice', 'The people responsible are changed.');
    await until(async () => !(await card(page).getByTestId('shared-responsible-names').innerText()).includes(boris.name), 'Boris is no longer listed');
    await until(async () => (await boxFolders(borisApi, accountId)).length === 0, 'Boris has lost the folders');
    await expect(borisApi.accounts.sync(accountId)).rejects.toMatchObject({ status: 404 });
  });

  it('reads well in Russian and Polish', async () => {
    const { page } = admin;
    await chooseLanguage(page, 'ru');
    await seeText(page, 'section-title', 'Общие ящики');
    await seeText(page, 'shared-responsible-names', 'Ответственные:');
    await shot(page, 'shared-admin-ru');
    await page.getByTestId('shared-add').click();
    await page.getByTestId('account-email').waitFor();
    await shot(page, 'shared-add-ru');
    await page.keyboard.press('Escape');
    await until(async () => (await page.getByTestId('account-modal').count()) === 0, 'the window closes');

    await chooseLanguage(person.page, 'ru');
    await seeText(person.page, 'account-shared', 'Общий');
    await person.page.getByTestId('lang-ru').waitFor({ state: 'hidden' });
    await shot(person.page, 'shared-person-settings-ru');

    await chooseLanguage(page, 'pl');
    await seeText(page, 'section-title', 'Skrzynki wspólne');
    await shot(page, 'shared-admin-pl');
    await chooseLanguage(page, 'en');
  });

  it('removing it says that its mail leaves the mailboxes of the people responsible', async () => {
    const { page } = admin;
    await card(page).getByTestId('account-remove').click();
    await page.getByRole('dialog').filter({ hasText: 'leaves the mailboxes of the people responsible' }).waitFor();
    await page.getByTestId('confirm-submit').click();
    await page.getByTestId('shared-empty').waitFor();
    expect(await boxFolders(annaApi, accountId)).toEqual([]);
  });
});
