import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DESKTOP, PHONE, hasBrowser, launchBrowser, newPage, shot } from '../harness/browser.ts';
import { startServer, type RunningServer } from '../harness/server.ts';
import { chooseLanguage, onScreen, pick, realProblems, seeText, signIn, until } from '../harness/steps.ts';

const suffix = Date.now().toString(36);
const person = { login: `anna.${suffix}`, name: `Anna Kowalska ${suffix}`, password: 'anna-pass-123' };

describe.skipIf(!hasBrowser)('foundation: sign-in, frame, languages, settings, users', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const open = (opts: { viewport?: typeof DESKTOP; phone?: boolean } = {}) => newPage(browser, { baseURL: server.url, ...opts });

  it('a wrong password is refused in words, on the sign-in screen', async () => {
    const { context, page, problems } = await open();
    await page.goto('/');
    await page.getByTestId('signin-page').waitFor();
    await seeText(page, 'signin-submit', 'Sign in');
    await shot(page, 'signin');

    await page.getByTestId('signin-login').fill('admin');
    await page.getByTestId('signin-password').fill('not-the-password');
    await page.getByTestId('signin-submit').click();
    await seeText(page, 'signin-error', 'The login or the password is wrong.');
    expect(await page.getByTestId('frame').count()).toBe(0);

    // The language can be chosen before signing in, and the error follows it.
    await chooseLanguage(page, 'ru');
    await seeText(page, 'signin-submit', 'Войти');
    await seeText(page, 'signin-error', 'Неверный логин или пароль.');
    await chooseLanguage(page, 'en');
    await seeText(page, 'signin-submit', 'Sign in');
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });

  it('the administrator signs in, sees the frame and switches between Russian, Polish and English', async () => {
    const { context, page, problems } = await open();
    await signIn(page, server.adminLogin, server.adminPassword);
    await seeText(page, 'section-title', 'Mail');
    await page.getByTestId('page-mail').waitFor();
    await page.getByTestId('nav-admin').waitFor();
    await shot(page, 'frame-en');

    await chooseLanguage(page, 'ru');
    await seeText(page, 'section-title', 'Почта');
    await seeText(page, 'nav-discussions', 'Обсуждения');
    await seeText(page, 'nav-admin', 'Администрирование');
    await shot(page, 'frame-ru');

    await chooseLanguage(page, 'pl');
    await seeText(page, 'section-title', 'Poczta');
    await seeText(page, 'nav-notifications', 'Powiadomienia');
    await shot(page, 'frame-pl');

    // The choice is the user's setting on the server: it survives a reload.
    await page.reload();
    await seeText(page, 'section-title', 'Poczta');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('pl');

    await chooseLanguage(page, 'en');
    await seeText(page, 'section-title', 'Mail');
    await page.reload();
    await seeText(page, 'nav-settings', 'Settings');
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });

  it('every section opens from the navigation', async () => {
    const { context, page, problems } = await open();
    await signIn(page, server.adminLogin, server.adminPassword);
    const sections: [string, string, string | null][] = [
      ['nav-discussions', 'Discussions', null],
      ['nav-notifications', 'Notifications', 'Notifications are coming'],
      ['nav-mail', 'Mail', null],
      ['nav-settings', 'Personal settings', null],
      ['nav-admin-users', 'Users', null],
      ['nav-admin-groups', 'Groups', null],
      ['nav-admin-departments', 'Departments', null],
      ['nav-admin-apikeys', 'API keys', null],
    ];
    for (const [nav, title, heading] of sections) {
      await page.getByTestId(nav).click();
      await seeText(page, 'section-title', title);
      if (heading) await seeText(page, 'coming-heading', heading);
    }
    expect(new URL(page.url()).pathname).toBe('/admin/api-keys');
    await page.goBack();
    await seeText(page, 'section-title', 'Departments');
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });

  it('personal settings: the send key and the time zone are saved and survive a reload', async () => {
    const { context, page, problems } = await open();
    await signIn(page, server.adminLogin, server.adminPassword);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-settings').click();
    await seeText(page, 'section-title', 'Personal settings');

    // Choose the other send key and another time zone than the current ones (the server may be reused).
    const current = (await page.locator('[data-testid="settings-sendkey"] input[value="ctrl-enter"]').isChecked()) ? 'ctrl-enter' : 'enter';
    const wanted = current === 'enter' ? 'ctrl-enter' : 'enter';
    const zone = (await page.getByTestId('settings-timezone').inputValue()).startsWith('Europe/Warsaw') ? 'Asia/Tokyo' : 'Europe/Warsaw';
    await page.getByTestId('settings-sendkey').getByText(wanted === 'enter' ? 'Enter' : 'Ctrl+Enter', { exact: true }).click();
    await pick(page, 'settings-timezone', new RegExp(`^${zone}`), zone.split('/')[1]);
    await page.getByTestId('settings-save').click();
    await seeText(page, 'settings-saved', 'Your settings are saved.');
    await shot(page, 'settings');

    await page.reload();
    await seeText(page, 'section-title', 'Personal settings');
    const chosen = page.locator(`[data-testid="settings-sendkey"] input[value="${wanted}"]`);
    await until(() => chosen.isChecked(), `${wanted} stays chosen after reload`);
    expect(await page.getByTestId('settings-timezone').inputValue()).toMatch(new RegExp(`^${zone}`));

    // A wrong current password is refused in words.
    await page.getByTestId('password-current').fill('wrong-current-pass');
    await page.getByTestId('password-next').fill('another-pass-1');
    await page.getByTestId('password-repeat').fill('another-pass-1');
    await page.getByTestId('password-submit').click();
    await page.getByTestId('password-error').waitFor();
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });

  it('the administrator creates a user and finds them by login and by name', async () => {
    const { context, page, problems } = await open();
    await signIn(page, server.adminLogin, server.adminPassword);
    await page.getByTestId('nav-admin-users').click();
    await seeText(page, 'section-title', 'Users');
    await page.locator('[data-testid="user-row"][data-login="admin"]').waitFor();

    await page.getByTestId('user-create-open').click();
    await page.getByTestId('user-name').fill(person.name);
    await page.getByTestId('user-login').fill(person.login);
    await page.getByTestId('user-password').fill(person.password);
    await pick(page, 'user-language', 'Polski');
    await page.getByTestId('user-create-submit').click();
    await seeText(page, 'users-notice', person.name);

    await page.getByTestId('users-search').fill(person.login);
    const row = page.locator(`[data-testid="user-row"][data-login="${person.login}"]`);
    await row.waitFor();
    await until(async () => (await page.getByTestId('user-row').count()) === 1, 'only the new user matches the login');
    await shot(page, 'admin-users');

    await page.getByTestId('users-search').fill('Kowalska');
    await row.waitFor();
    await page.getByTestId('users-search').fill(`nobody-${suffix}`);
    await page.getByTestId('users-empty').waitFor();

    // A second user with the same login is refused in words.
    await page.getByTestId('user-create-open').click();
    await page.getByTestId('user-name').fill('Duplicate');
    await page.getByTestId('user-login').fill(person.login);
    await page.getByTestId('user-password').fill(person.password);
    await page.getByTestId('user-create-submit').click();
    await page.getByTestId('user-create-error').waitFor();
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });

  it('a regular user signs in in their own language and sees no Administration', async () => {
    const { context, page, problems } = await open();
    await signIn(page, person.login, person.password);
    await seeText(page, 'section-title', 'Poczta');
    expect(await page.getByTestId('nav-admin').count()).toBe(0);
    await page.goto('/admin/users');
    await page.getByTestId('page-not-found').waitFor();

    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-signout').click();
    await page.getByTestId('signin-page').waitFor();
    await page.reload();
    await page.getByTestId('signin-page').waitFor();
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });

  it('on a phone the navigation hides behind a burger and still works', async () => {
    const { context, page, problems } = await open({ viewport: PHONE, phone: true });
    await signIn(page, server.adminLogin, server.adminPassword);
    const burger = page.getByTestId('burger');
    await burger.waitFor();
    const navLink = page.getByTestId('nav-settings');
    expect(await onScreen(page, 'navbar')).toBe(false);

    await burger.click();
    await until(async () => ((await page.getByTestId('navbar').boundingBox())?.x ?? -1) >= 0, 'the navbar slides in completely');
    await shot(page, 'phone');
    await navLink.click();
    await seeText(page, 'section-title', 'Personal settings');
    await until(async () => !(await onScreen(page, 'navbar')), 'the navbar slides away after navigating');
    await shot(page, 'phone-settings');

    await burger.click();
    await page.getByTestId('nav-admin-users').click();
    await seeText(page, 'section-title', 'Users');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    expect(realProblems(problems)).toEqual([]);
    await context.close();
  });
});
