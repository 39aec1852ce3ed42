import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { MailroomClient } from '@mailroom/sdk';
import { hasBrowser, launchBrowser, newPage, shot } from '../harness/browser.ts';
import { startServer, type RunningServer } from '../harness/server.ts';
import { pick, realProblems, seeText, signIn, until } from '../harness/steps.ts';

const suffix = Date.now().toString(36);

describe.skipIf(!hasBrowser)('administration: departments, groups, API keys', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let close: () => Promise<void>;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const opened = await newPage(browser, { baseURL: server.url });
    page = opened.page;
    problems = opened.problems;
    close = () => opened.context.close();
    await signIn(page, server.adminLogin, server.adminPassword);
  });
  afterAll(async () => {
    await close?.();
    await browser?.close();
    await server?.stop();
  });

  it('users: the list pages with "Load more" and the search narrows it', async () => {
    // Enough users for more than one page, made through the SDK like a host application would.
    const api = new MailroomClient({ baseUrl: server.url });
    await api.auth.login(server.adminLogin, server.adminPassword);
    for (let i = 0; i < 30; i++) {
      await api.users.create({ login: `pager${i}.${suffix}`, name: `Pager ${String(i).padStart(2, '0')} ${suffix}`, password: 'pager-pass-1' });
    }
    await page.getByTestId('nav-admin-users').click();
    await seeText(page, 'section-title', 'Users');
    await page.getByTestId('users-search').fill(`${suffix}`);
    const logins = () => page.getByTestId('user-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-login') ?? ''));
    await until(async () => {
      const shown = await logins();
      return shown.length === 25 && shown.every((l) => l.endsWith(suffix));
    }, 'the first page of 25 matching users');
    await page.getByTestId('load-more').click();
    await until(async () => (await page.getByTestId('user-row').count()) === 30, 'all 30 users after "Load more"');
    expect(await page.getByTestId('load-more').count()).toBe(0);
    await seeText(page, 'users-count', 'Shown: 30');
    await page.getByTestId('users-search').fill(`pager7.${suffix}`);
    await until(async () => (await page.getByTestId('user-row').count()) === 1, 'the search finds one user');
  });

  it('users: an edit by the administrator reaches the user\'s open page at once (event stream)', async () => {
    const api = new MailroomClient({ baseUrl: server.url });
    await api.auth.login(server.adminLogin, server.adminPassword);
    const login = `live.${suffix}`;
    await api.users.create({ login, name: `Live User ${suffix}`, password: 'live-pass-123', language: 'en' });

    const other = await newPage(browser, { baseURL: server.url });
    try {
      await signIn(other.page, login, 'live-pass-123');
      expect(await other.page.getByTestId('nav-admin').count()).toBe(0);

      await page.getByTestId('nav-admin-users').click();
      await page.getByTestId('users-search').fill(login);
      const row = page.locator(`[data-testid="user-row"][data-login="${login}"]`);
      await row.getByTestId('user-edit').click();
      await page.getByTestId('user-edit-name').fill(`Renamed User ${suffix}`);
      await pick(page, 'user-edit-role', 'Administrator');
      await page.getByTestId('user-edit-submit').click();
      await page.getByTestId('user-edit-saved').waitFor();
      // legal hold on the mailbox, as the server records it
      const created = (await api.users.list({ q: login })).items[0];
      await page.getByTestId('user-edit-legal-hold').click({ force: true });
      await until(async () => (await api.mail.hold(created.id)).hold, 'the hold is on');
      await shot(page, 'admin-user-edit');
      await page.getByTestId('user-edit-modal').getByRole('button', { name: 'Close', exact: true }).click();
      await seeText(page, 'user-row', `Renamed User ${suffix}`);

      // No reload on the user's side: the event stream brings the change.
      await other.page.getByTestId('nav-admin').waitFor();
      await seeText(other.page, 'user-menu', 'Renamed User');

      // A password reset signs the user out everywhere and says so; the new password works.
      await row.getByTestId('user-edit').click();
      await page.getByTestId('user-reset-password').fill('reset-pass-456');
      await page.getByTestId('user-reset-submit').click();
      await page.getByTestId('user-reset-done').waitFor();
      await page.getByTestId('user-edit-modal').getByRole('button', { name: 'Close', exact: true }).click();
      await other.page.getByTestId('signin-session-ended').waitFor();
      await shot(other.page, 'signin-session-ended');
      await signIn(other.page, login, 'reset-pass-456');
      expect(realProblems(other.problems)).toEqual([]);
    } finally {
      await other.context.close();
    }
  });

  const dept = (name: string) => page.locator(`[data-testid="department-row"][data-name="${name}"]`);

  it('departments: create a tree, rename, move and delete', async () => {
    await page.getByTestId('nav-admin-departments').click();
    await seeText(page, 'section-title', 'Departments');

    const sales = `Sales ${suffix}`;
    await page.getByTestId('department-create-open').click();
    await page.getByTestId('department-name').fill(sales);
    await page.getByTestId('department-submit').click();
    await dept(sales).waitFor();

    await dept(sales).getByTestId('department-add-child').click();
    await page.getByTestId('department-name').fill('Export');
    expect(await page.getByTestId('department-parent').inputValue()).toBe(sales);
    await page.getByTestId('department-submit').click();
    await dept('Export').waitFor();
    expect(await dept('Export').getAttribute('data-depth')).toBe('1');

    const support = `Support ${suffix}`;
    await page.getByTestId('department-create-open').click();
    await page.getByTestId('department-name').fill(support);
    await page.getByTestId('department-submit').click();
    await dept(support).waitFor();

    // Rename "Export" and move it under Support.
    await dept('Export').getByTestId('department-edit').click();
    await page.getByTestId('department-name').fill('Export desk');
    await pick(page, 'department-parent', support, 'Support');
    await page.getByTestId('department-submit').click();
    await dept('Export desk').waitFor();
    await until(async () => (await page.getByTestId('department-modal').count()) === 0, 'the modal closes');
    const order = await page.getByTestId('department-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')));
    expect(order.indexOf('Export desk')).toBe(order.indexOf(support) + 1);
    await shot(page, 'admin-departments');

    await dept('Export desk').getByTestId('department-delete').click();
    await page.getByTestId('confirm-submit').click();
    await until(async () => (await dept('Export desk').count()) === 0, 'the department disappears');
  });

  it('groups: create with a member found by search, rename, delete', async () => {
    await page.getByTestId('nav-admin-groups').click();
    await seeText(page, 'section-title', 'Groups');
    const name = `Approvers ${suffix}`;
    await page.getByTestId('group-create-open').click();
    await page.getByTestId('group-name').fill(name);
    await pick(page, 'group-members', /\(admin\)/, 'admin');
    await page.getByTestId('group-name').click(); // closes the member list that covers the buttons
    await page.getByTestId('group-submit').click();
    const row = page.locator(`[data-testid="group-row"][data-name="${name}"]`);
    await row.waitFor();
    expect(await row.getByTestId('group-member-count').innerText()).toBe('1');
    await shot(page, 'admin-groups');

    await row.getByTestId('group-edit').click();
    await page.getByTestId('group-modal').getByText('(admin)').waitFor();
    await page.getByTestId('group-name').fill(`${name} 2`);
    await page.getByTestId('group-submit').click();
    const renamed = page.locator(`[data-testid="group-row"][data-name="${name} 2"]`);
    await renamed.waitFor();

    await renamed.getByTestId('group-delete').click();
    await page.getByTestId('confirm-submit').click();
    await until(async () => (await renamed.count()) === 0, 'the group disappears');
  });

  it('API keys: the new key is shown once, then it can be revoked', async () => {
    await page.getByTestId('nav-admin-apikeys').click();
    await seeText(page, 'section-title', 'API keys');
    const name = `ERP ${suffix}`;
    await page.getByTestId('apikey-name').fill(name);
    await page.getByTestId('apikey-create').click();
    await page.getByTestId('apikey-warning').waitFor();
    const secret = (await page.getByTestId('apikey-secret').innerText()).trim();
    expect(secret.length).toBeGreaterThan(20);
    await shot(page, 'admin-apikey-created');

    // The key works against the API (as a host application would use it).
    const asApp = () => fetch(`${server.url}/api/v1/apikeys`, { headers: { authorization: `Bearer ${secret}` } });
    expect((await asApp()).status).toBe(200);

    await page.getByTestId('apikey-done').click();
    const row = page.locator(`[data-testid="apikey-row"][data-name="${name}"]`);
    await row.waitFor();
    expect(await page.getByTestId('apikey-secret').count()).toBe(0);
    // The list shows that the key has been used, and never shows the key again.
    await page.reload();
    await row.waitFor();
    expect(await row.innerText()).not.toContain('Never');
    expect(await page.content()).not.toContain(secret);
    await shot(page, 'admin-apikeys');

    await row.getByTestId('apikey-revoke').click();
    await page.getByTestId('confirm-submit').click();
    await until(async () => (await row.count()) === 0, 'the key disappears');
    expect((await asApp()).status).toBe(401);
    expect(realProblems(problems)).toEqual([]);
  });
});
