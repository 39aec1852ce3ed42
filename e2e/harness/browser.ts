import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from './server.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(repoRoot, 'e2e', 'artifacts');

const required = process.env.MAILROOM_E2E === 'required';
/** Whether browser specs can run here. Without Chromium they are skipped, unless MAILROOM_E2E=required. */
export const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser && required) {
  throw new Error(`MAILROOM_E2E=required, but ${CHROMIUM} is missing: install it (apt-get install chromium) to run the browser tests.`);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const DESKTOP = { width: 1366, height: 860 };
export const PHONE = { width: 390, height: 844 };

/** A fresh context (own cookies and storage) with a fixed locale and time zone. */
export async function newPage(browser: Browser, opts: { baseURL: string; viewport?: { width: number; height: number }; phone?: boolean }) {
  const context: BrowserContext = await browser.newContext({
    baseURL: opts.baseURL,
    viewport: opts.viewport ?? DESKTOP,
    locale: 'en-US',
    timezoneId: 'UTC',
    isMobile: opts.phone ?? false,
    hasTouch: opts.phone ?? false,
    deviceScaleFactor: 1,
  });
  context.setDefaultTimeout(15_000);
  const page: Page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  return { context, page, problems };
}

/** Saves e2e/artifacts/<name>.png (the directory is gitignored). */
export async function shot(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });
}
