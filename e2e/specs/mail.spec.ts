import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { MailroomClient } from '@mailroom/sdk';
import { PHONE, hasBrowser, launchBrowser, newPage, shot } from '../harness/browser.ts';
import { startServer, type RunningServer } from '../harness/server.ts';
import { chooseLanguage, realProblems, seeText, signIn, until } from '../harness/steps.ts';
import { addRecipient, folder, row } from '../harness/mail.ts';

const suffix = Date.now().toString(36);
const alice = { login: `alice.${suffix}`, name: `Alice Nowak ${suffix}`, password: 'alice-pass-123' };
const bob = { login: `bob.${suffix}`, name: `Bob Ivanov ${suffix}`, password: 'bob-pass-1234' };
const subject = `Quarterly figures ${suffix}`;
const fileName = 'quarterly-budget-report.txt';
const fileText = `Budget report ${suffix}\nQ1: 1200\nQ2: 1350\n`;

describe.skipIf(!hasBrowser)('internal mail: importance, attachments, delivery tracking, threads, search', () => {
  let server: RunningServer;
  let browser: Browser;
  let a: Awaited<ReturnType<typeof newPage>>;
  let b: Awaited<ReturnType<typeof newPage>>;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // Two people, made through the SDK as a host application would.
    const api = new MailroomClient({ baseUrl: server.url });
    await api.auth.login(server.adminLogin, server.adminPassword);
    const people = [];
    for (const p of [alice, bob]) people.push(await api.users.create({ ...p, language: 'en' }));
    await api.groups.create({ name: `Finance ${suffix}`, memberIds: [people[1]!.id] });
    // Bob sends with Enter (in the subject; Ctrl+Enter in the text), Alice with Ctrl+Enter
    const asBob = new MailroomClient({ baseUrl: server.url });
    await asBob.auth.login(bob.login, bob.password);
    await asBob.settings.update({ sendKey: 'enter' });
    a = await newPage(browser, { baseURL: server.url });
    b = await newPage(browser, { baseURL: server.url });
    await signIn(a.page, alice.login, alice.password);
    await signIn(b.page, bob.login, bob.password);
  });
  afterAll(async () => {
    await a?.context.close();
    await b?.context.close();
    await browser?.close();
    await server?.stop();
  });

  it('the mail screen shows the system folders in order, with the Inbox open', async () => {
    const { page } = a;
    await seeText(page, 'section-title', 'Mail');
    const roles = await page.getByTestId('mail-folder').evaluateAll((els) => els.map((e) => e.getAttribute('data-role')));
    expect(roles).toEqual(['inbox', 'drafts', 'sent', 'archive', 'trash']);
    await seeText(page, 'mail-list-title', 'Inbox');
    await page.getByTestId('mail-list-empty').waitFor();
  });

  it('A writes to B with high importance and a file; a missing recipient is refused in words', async () => {
    const { page } = a;
    await page.getByTestId('mail-compose').click();
    await page.getByTestId('compose-subject').waitFor();
    await page.getByTestId('compose-subject').fill(subject);
    await page.getByTestId('compose-send').click();
    await seeText(page, 'compose-error', 'Name at least one recipient.');

    // the suggestions show people, groups and departments with their kind
    await page.getByTestId('compose-to').fill('Finance');
    await page.getByTestId('recipient-option').filter({ hasText: `Finance ${suffix}` }).filter({ hasText: 'group' }).waitFor();
    await page.getByTestId('compose-to').fill('');
    await addRecipient(page, 'compose-to', bob.name);
    await page.getByTestId('compose-body').click();
    await page.keyboard.type('Please look at the figures before Friday.');
    await page.getByTestId('compose-bold').click();
    await page.keyboard.type(' Thank you!');
    await page.getByTestId('compose-importance').getByText('High importance', { exact: true }).click();
    await page.getByTestId('compose-file-input').setInputFiles({ name: fileName, mimeType: 'text/plain', buffer: Buffer.from(fileText) });
    await page.locator(`[data-testid="compose-file"][data-filename="${fileName}"][data-state="ready"]`).waitFor();
    // the draft is saved on its own a moment after typing stops
    await page.locator('[data-testid="compose-draft-status"][data-state="saved"]').waitFor();
    await shot(page, 'mail-compose');
    await page.getByTestId('compose-send').click();
    await until(async () => (await page.getByTestId('compose-modal').count()) === 0, 'the compose window closes after sending');

    // Sent: bold while B has not read it, with "not yet read by 1"; the draft has left Drafts
    await folder(page, 'sent').click();
    await seeText(page, 'mail-list-title', 'Sent');
    expect(await row(page, subject).getAttribute('data-unread')).toBe('true');
    await seeText(page, 'mail-row-unreadby', 'Not yet read by 1');
    await until(async () => (await folder(page, 'drafts').getByTestId('mail-folder-count').count()) === 0, 'the sent draft leaves Drafts');
  });

  it('B gets the important-mail modal at once, opens the mail and downloads the file', async () => {
    const { page } = b;
    await page.getByTestId('mail-important-text').waitFor();
    await seeText(page, 'mail-important-text', `Important message from ${alice.name}: ${subject}`);
    await shot(page, 'mail-important-modal');
    await page.getByTestId('mail-important-open').click();

    const reading = page.getByTestId('mail-reading');
    await reading.waitFor();
    await seeText(page, 'mail-subject', subject);
    await seeText(page, 'mail-from', alice.name);
    await seeText(page, 'mail-to', bob.name);
    await page.getByTestId('mail-important').waitFor();
    expect(await page.getByTestId('mail-bcc').count()).toBe(0);
    // the text is in a sandboxed frame without scripts (links may open a new tab, nothing else)
    const frame = page.getByTestId('mail-body');
    expect((await frame.getAttribute('sandbox'))!.split(' ').sort()).toEqual(['allow-popups', 'allow-popups-to-escape-sandbox']);
    expect(await page.frameLocator('[data-testid="mail-body"]').locator('body').innerText()).toContain('Please look at the figures');
    expect(await page.frameLocator('[data-testid="mail-body"]').locator('b, strong').first().innerText()).toContain('Thank you!');
    await until(async () => (await row(page, subject).getAttribute('data-unread')) === 'false', 'the opened message is no longer bold');
    await page.getByTestId('mail-row-clip').first().waitFor();
    await shot(page, 'mail-reading');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('mail-attachment').filter({ hasText: fileName }).click()]);
    expect(download.suggestedFilename()).toBe(fileName);
    expect(readFileSync((await download.path())!, 'utf8')).toBe(fileText);
  });

  it('A sees in Sent that B has read it (deliveries panel, live)', async () => {
    const { page } = a;
    await row(page, subject).getByTestId('mail-row-open').click();
    await page.getByTestId('mail-deliveries').waitFor();
    const delivery = page.locator(`[data-testid="mail-delivery"][data-name="${bob.name}"]`);
    await until(async () => (await delivery.getAttribute('data-read')) === 'true', 'B is shown as having read the message');
    await seeText(page, 'mail-deliveries-summary', 'Everyone has read it.');
    await until(async () => (await row(page, subject).getAttribute('data-unread')) === 'false', 'the sent message is no longer bold');
    await shot(page, 'mail-deliveries');
  });

  it('B replies with the send key; A gets a toast and sees the reply in the conversation', async () => {
    const { page } = b;
    await page.getByTestId('mail-reply').click();
    await page.getByTestId('compose-subject').waitFor();
    await page.getByTestId('compose-to-pill').filter({ hasText: alice.name }).waitFor();
    expect(await page.getByTestId('compose-subject').inputValue()).toBe(`Re: ${subject}`);
    await seeText(page, 'compose-send-hint', 'Enter in the subject or Ctrl+Enter sends');
    await page.getByTestId('compose-body').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('Looks good, approved.');
    // with the Enter setting, Enter in the text is a new line and Enter in the subject sends
    await page.keyboard.press('Enter');
    await page.keyboard.type('Bob');
    expect(await page.getByTestId('compose-modal').count()).toBe(1);
    await page.getByTestId('compose-subject').press('Enter');
    await until(async () => (await page.getByTestId('compose-modal').count()) === 0, 'Enter in the subject sends the reply');

    const pa = a.page;
    await seeText(pa, 'mail-toast', `New message from ${bob.name}`);
    const items = pa.getByTestId('mail-thread-item');
    await until(async () => (await items.count()) === 2, 'the conversation shows the message and the reply');
    await items.nth(1).filter({ hasText: `Re: ${subject}` }).waitFor();
    expect(await items.nth(1).innerText()).toContain(bob.name);
    await pa.frameLocator('[data-testid="mail-thread-item"] >> nth=1 >> [data-testid="mail-body"]').locator('body').getByText('Looks good, approved.').waitFor();
    await items.nth(1).scrollIntoViewIfNeeded();
    await shot(pa, 'mail-thread');

    // the reply is bold in A's Inbox, whose count is bold
    await folder(pa, 'inbox').click();
    expect(await row(pa, `Re: ${subject}`).getAttribute('data-unread')).toBe('true');
    await seeText(pa, 'mail-folder-count', '1');
  });

  it('A finds the mail by a word of the attachment name', async () => {
    const { page } = a;
    await page.getByTestId('mail-search').fill('budget');
    await page.getByTestId('mail-search').press('Enter');
    await seeText(page, 'mail-list-title', 'Search results');
    await row(page, subject).waitFor();
    await shot(page, 'mail-search');
    await page.getByTestId('mail-search-filters').click();
    await page.getByTestId('mail-search-attachment').click();
    await shot(page, 'mail-search-filters');
    await page.getByTestId('mail-search-apply').click();
    await row(page, subject).waitFor();
    await row(page, subject).getByTestId('mail-row-open').click();
    await seeText(page, 'mail-subject', subject);
    expect(realProblems(a.problems)).toEqual([]);
  });

  it('folders: A creates, renames and deletes a folder of her own, and moves mail into it', async () => {
    const { page } = a;
    await page.getByTestId('mail-folder-create').click();
    await page.getByTestId('mail-folder-name').fill('Budget');
    await page.getByTestId('mail-folder-submit').click();
    const own = page.locator('[data-testid="mail-folder"][data-name="Budget"]');
    await own.waitFor();

    await folder(page, 'inbox').click();
    await row(page, `Re: ${subject}`).getByTestId('mail-row-open').click();
    await page.getByTestId('mail-move').click();
    await page.getByTestId('mail-move-menu').getByText('Budget', { exact: true }).click();
    await own.click();
    await row(page, `Re: ${subject}`).waitFor();

    const menu = page.locator('.mail-folder-row', { has: own }).getByTestId('mail-folder-menu');
    await menu.click();
    await page.getByTestId('mail-folder-rename').click();
    await page.getByTestId('mail-folder-name').fill('Budget 2025');
    await page.getByTestId('mail-folder-submit').click();
    const renamed = page.locator('[data-testid="mail-folder"][data-name="Budget 2025"]');
    await renamed.waitFor();
    await page.locator('.mail-folder-row', { has: renamed }).getByTestId('mail-folder-menu').click();
    await page.getByTestId('mail-folder-delete').click();
    await page.getByTestId('confirm-submit').click();
    await until(async () => (await renamed.count()) === 0, 'the folder disappears');
    // its mail went to Trash
    await folder(page, 'trash').click();
    await row(page, `Re: ${subject}`).waitFor();
    expect(realProblems(a.problems)).toEqual([]);
  });

  it('drafts: an unsent message is kept as a draft, reopens from Drafts and can be discarded', async () => {
    const { page } = a;
    const draftSubject = `Unfinished ${suffix}`;
    await page.getByTestId('mail-compose').click();
    await page.getByTestId('compose-subject').fill(draftSubject);
    // with the Ctrl+Enter setting, Enter in the subject does not send
    await page.getByTestId('compose-subject').press('Enter');
    await seeText(page, 'compose-send-hint', 'Ctrl+Enter sends');
    await page.locator('[data-testid="compose-draft-status"][data-state="saved"]').waitFor();
    await page.keyboard.press('Escape');
    await until(async () => (await page.getByTestId('compose-modal').count()) === 0, 'the compose window closes');
    await folder(page, 'drafts').getByTestId('mail-folder-count').filter({ hasText: '1' }).waitFor();
    await folder(page, 'drafts').click();
    await row(page, draftSubject).getByTestId('mail-row-open').click();
    await until(async () => (await page.getByTestId('compose-subject').inputValue()) === draftSubject, 'the draft opens in the compose window');
    await page.getByTestId('compose-discard').click();
    await until(async () => (await row(page, draftSubject).count()) === 0, 'the discarded draft leaves Drafts');
  });

  it('the reading pane goes below the list and stays there after a reload; the check interval is a setting', async () => {
    const { page } = a;
    const toggle = page.getByTestId('mail-pane-toggle');
    const before = await toggle.getAttribute('data-pane');
    await toggle.click();
    await until(async () => (await toggle.getAttribute('data-pane')) !== before, 'the pane moves');
    await page.reload();
    await until(async () => (await page.getByTestId('mail-pane-toggle').getAttribute('data-pane')) !== before, 'the choice survives a reload');
    await folder(page, 'sent').click();
    await row(page, subject).getByTestId('mail-row-open').click();
    await page.getByTestId('mail-deliveries').waitFor();
    await shot(page, 'mail-pane-below');
    await page.getByTestId('mail-pane-toggle').click();

    await page.getByTestId('nav-settings').click();
    const poll = page.getByTestId('settings-poll-seconds');
    await poll.fill('120');
    await page.getByTestId('settings-mail-save').click();
    await page.getByTestId('settings-mail-saved').waitFor();
    await shot(page, 'mail-settings');
    await page.reload();
    await until(async () => (await page.getByTestId('settings-poll-seconds').inputValue()) === '120', 'the interval is kept');
    await page.getByTestId('settings-poll-seconds').fill('');
    await page.getByTestId('settings-mail-save').click();
    await page.getByTestId('settings-mail-saved').waitFor();
    await page.getByTestId('nav-mail').click();
    expect(realProblems(a.problems)).toEqual([]);
  });

  it('the screens read well in Russian and Polish too', async () => {
    const { page } = b;
    await folder(page, 'inbox').click();
    await row(page, subject).getByTestId('mail-row-open').click();
    await chooseLanguage(page, 'ru');
    await seeText(page, 'section-title', 'Почта');
    await seeText(page, 'mail-reply', 'Ответить');
    await shot(page, 'mail-reading-ru');
    await page.getByTestId('mail-forward').click();
    await page.locator(`[data-testid="compose-file"][data-filename="${fileName}"]`).waitFor();
    expect(await page.getByTestId('compose-subject').inputValue()).toBe(`Fwd: ${subject}`);
    await shot(page, 'mail-compose-ru');
    await page.keyboard.press('Escape');
    await until(async () => (await page.getByTestId('compose-modal').count()) === 0, 'Escape closes the compose window');

    await chooseLanguage(page, 'pl');
    await seeText(page, 'section-title', 'Poczta');
    await folder(page, 'sent').click();
    await seeText(page, 'mail-list-title', 'Wysłane');
    await row(page, `Re: ${subject}`).getByTestId('mail-row-open').click();
    await page.getByTestId('mail-deliveries').waitFor();
    await shot(page, 'mail-deliveries-pl');
    await chooseLanguage(page, 'en');
    await seeText(page, 'section-title', 'Mail');
    expect(realProblems(b.problems)).toEqual([]);
  });

  it('on a phone the folders, the list and the message come one after another', async () => {
    const phone = await newPage(browser, { baseURL: server.url, viewport: PHONE, phone: true });
    try {
      const { page } = phone;
      await signIn(page, bob.login, bob.password);
      await seeText(page, 'mail-list-title', 'Inbox');
      await row(page, subject).getByTestId('mail-row-open').click();
      await seeText(page, 'mail-subject', subject);
      expect(await page.getByTestId('mail-list').count()).toBe(0);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(PHONE.width);
      await shot(page, 'mail-phone');
      await page.getByTestId('mail-back').click();
      await page.getByTestId('mail-list').waitFor();
      await page.getByTestId('mail-to-folders').click();
      await folder(page, 'sent').waitFor();
      await shot(page, 'mail-phone-folders');
      await folder(page, 'sent').click();
      await seeText(page, 'mail-list-title', 'Sent');
      await shot(page, 'mail-phone-sent');
      await page.getByTestId('mail-compose').click();
      await page.getByTestId('compose-subject').waitFor();
      await shot(page, 'mail-phone-compose');
      await page.keyboard.press('Escape');
      expect(realProblems(phone.problems)).toEqual([]);
    } finally {
      await phone.context.close();
    }
  });
});
