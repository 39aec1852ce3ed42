import type { Page } from 'playwright-core';

/** The row of a message with this subject in the list on screen. */
export const row = (page: Page, text: string) => page.locator('[data-testid="mail-row"]', { hasText: text }).first();
/** A folder in the tree by its role ('own' for one's own folders). */
export const folder = (page: Page, role: string) => page.locator(`[data-testid="mail-folder"][data-role="${role}"]`);

/** Picks a recipient in the compose window by typing part of the name. */
export async function addRecipient(page: Page, testId: string, name: string) {
  await page.getByTestId(testId).fill(name.split(' ')[0]!);
  await page.getByTestId('recipient-option').filter({ hasText: name }).first().click();
  await page.getByTestId(`${testId}-pill`).filter({ hasText: name }).waitFor();
}
