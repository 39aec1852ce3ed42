import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasBrowser, launchBrowser, newPage, shot } from '../harness/browser.ts';
import { startServer, type RunningServer } from '../harness/server.ts';
import { chooseLanguage, seeText } from '../harness/steps.ts';

/** Its own server: failed sign-ins are counted per address, and these would lock out other specs. */
describe.skipIf(!hasBrowser || !!process.env.E2E_SERVER_URL)('sign-in errors: rate limit and an unreachable server', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ env: { LOGIN_MAX_FAILURES: '3', LOGIN_WINDOW_SECONDS: '90' } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('too many failures tell how long to wait, in the chosen language', async () => {
    const { context, page } = await newPage(browser, { baseURL: server.url });
    await page.goto('/');
    await chooseLanguage(page, 'pl');
    await seeText(page, 'signin-submit', 'Zaloguj się');
    let text = '';
    for (let attempt = 0; attempt < 6; attempt++) {
      await page.getByTestId('signin-login').fill('nobody');
      await page.getByTestId('signin-password').fill(`wrong-${attempt}`);
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
        page.getByTestId('signin-submit').click(),
      ]);
      await page.locator('[data-testid="signin-submit"]:not([data-loading])').waitFor();
      await page.getByTestId('signin-error').waitFor();
      text = await page.getByTestId('signin-error').innerText();
      if (text.startsWith('Zbyt wiele prób')) break;
      expect(text).toContain('Nieprawidłowy login lub hasło.');
    }
    // The wait comes from retryAfterSeconds (a 90-second window: said in seconds).
    expect(text).toMatch(/^Zbyt wiele prób\. Spróbuj ponownie za \d+ s\.$/);
    const seconds = Number(/za (\d+) s/.exec(text)![1]);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(90);
    await shot(page, 'signin-rate-limited');
    await context.close();
  });

  it('an unreachable server is reported in words', async () => {
    const { context, page } = await newPage(browser, { baseURL: server.url });
    await page.goto('/');
    await page.getByTestId('signin-page').waitFor();
    await server.stop();
    await page.getByTestId('signin-login').fill('admin');
    await page.getByTestId('signin-password').fill(server.adminPassword);
    await page.getByTestId('signin-submit').click();
    await seeText(page, 'signin-error', 'The server cannot be reached. Check your connection and try again.');
    await context.close();
  });
});
