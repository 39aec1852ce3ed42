import type { Frame, Page } from 'playwright-core';

/** Waits until the element with this test id shows this text (exactly, after trimming). */
export async function seeText(page: Page | Frame, testId: string, text: string | RegExp) {
  await page.getByTestId(testId).filter({ hasText: text }).first().waitFor({ state: 'visible' });
}

/** Polls a condition until it holds (for things a locator cannot wait on). */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function signIn(page: Page, login: string, password: string) {
  await page.goto('/');
  await page.getByTestId('signin-login').fill(login);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('frame').waitFor();
}

export async function chooseLanguage(page: Page, lang: 'ru' | 'en' | 'pl') {
  await page.getByTestId('lang-switch').click();
  await page.getByTestId(`lang-${lang}`).click();
}

/** Picks an option of a Mantine Select/MultiSelect: opens it, optionally types, clicks the option. */
export async function pick(page: Page, testId: string, option: string | RegExp, type?: string) {
  const input = page.getByTestId(testId);
  await input.click();
  if (type !== undefined) await input.fill(type);
  await page.getByRole('option', { name: option }).first().click();
}

/** Console errors other than failed resource loads (the 401 of GET /me before sign-in is expected). */
export const realProblems = (problems: string[]) => problems.filter((p) => !/Failed to load resource/.test(p));

/** Whether the element is laid out inside the viewport (a collapsed navbar is moved off-screen, not hidden). */
export async function onScreen(page: Page, testId: string): Promise<boolean> {
  const box = await page.getByTestId(testId).boundingBox();
  const vp = page.viewportSize();
  if (!box || !vp) return false;
  return box.x + box.width > 1 && box.x < vp.width - 1 && box.y + box.height > 1 && box.y < vp.height - 1;
}
