import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasBrowser, launchBrowser, shot } from '../harness/browser.ts';
import { message, row, send, startPair } from '../harness/discussions.ts';
import { startServer, type RunningServer } from '../harness/server.ts';
import { chooseLanguage, realProblems, seeText, until } from '../harness/steps.ts';

/** Waits for things that travel live through the server to the other browser. */
const LIVE = 30_000;

describe.skipIf(!hasBrowser)('discussions: a group, live messages, unread, typing, replies, reactions, edits, mentions, files, search', () => {
  let server: RunningServer;
  let browser: Browser;
  let p: Awaited<ReturnType<typeof startPair>>;
  let groupId = '';
  let group = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    p = await startPair(server, browser);
    group = `Q4 budget ${p.suffix}`;
  });
  afterAll(async () => {
    await p?.a.context.close();
    await p?.b.context.close();
    await browser?.close();
    await server?.stop();
  });

  it('the screen starts empty, without asking for notification permission', async () => {
    await p.a.page.getByTestId('discussion-list-empty').waitFor();
    await p.a.page.getByTestId('discussion-choose').waitFor();
    await p.a.page.getByTestId('notify-enable').waitFor();
    expect(await p.a.page.evaluate(() => Notification.permission)).toBe('default');
    await shot(p.a.page, 'discussions-empty');
  });

  it('Anna starts a group with Boris, found by the user search with presence dots', async () => {
    const { page } = p.a;
    await page.getByTestId('discussion-new').click();
    await page.getByTestId('discussion-new-group').click();
    await page.getByTestId('new-group-title').fill(group);
    await page.getByTestId('new-group-people-search').fill(`boris.${p.suffix}`);
    const option = page.getByTestId('new-group-people-option').filter({ hasText: p.boris.name });
    await until(async () => (await page.getByTestId('new-group-people-option').count()) === 1, 'the search narrows to Boris', LIVE);
    // Boris is signed in: available
    await option.locator('[data-testid="presence-dot"][data-status="available"]').waitFor();
    await option.click();
    await page.getByTestId('new-group-people-pill').filter({ hasText: p.boris.name }).waitFor();
    await shot(page, 'discussions-new-group');
    await page.getByTestId('new-group-create').click();
    await seeText(page, 'chat-title', group);
    groupId = (await page.getByTestId('chat-pane').getAttribute('data-discussion-id'))!;
    expect(new URL(page.url()).pathname).toBe(`/discussions/${groupId}`);
    await seeText(page, 'chat-subtitle', 'Members: 2');
    // Boris's list shows it at once
    await row(p.b.page, group).waitFor();
  });

  it('a message arrives live with an unread badge, which goes when Boris opens it', async () => {
    await send(p.a.page, 'Hello Boris, the Q4 figures are ready.');
    await message(p.a.page, 'the Q4 figures are ready').and(p.a.page.locator('[data-state="sent"]')).waitFor();
    await seeText(p.b.page, 'discussion-unread', '1');
    expect(await row(p.b.page, group).getAttribute('data-unread')).toBe('1');
    await shot(p.b.page, 'discussions-unread');
    await row(p.b.page, group).click();
    await message(p.b.page, 'the Q4 figures are ready').waitFor();
    await until(async () => (await row(p.b.page, group).getAttribute('data-unread')) === '0', 'the badge goes once Boris reads it', LIVE);
    expect(await p.b.page.getByTestId('discussion-unread').count()).toBe(0);
  });

  it('Anna sees Boris typing', async () => {
    await p.b.page.getByTestId('composer-input').click();
    await p.b.page.getByTestId('composer-input').pressSequentially('I am looking', { delay: 30 });
    await seeText(p.a.page, 'typing-indicator', `${p.boris.name} is typing…`);
    await shot(p.a.page, 'discussions-typing');
    await p.b.page.getByTestId('composer-input').fill('');
  });

  it('Boris replies (Enter is a new line for him, Ctrl+Enter sends); Anna gets the quote live', async () => {
    const { page } = p.b;
    await message(page, 'the Q4 figures are ready').getByTestId('chat-action-reply').click();
    await seeText(page, 'composer-reply', 'Reply to');
    const input = page.getByTestId('composer-input');
    await input.fill('Thanks!');
    await input.press('Enter');
    await input.pressSequentially('Looking at them now.');
    expect(await input.inputValue()).toBe('Thanks!\nLooking at them now.');
    await input.press('Control+Enter');
    const reply = message(p.a.page, 'Looking at them now.');
    await reply.getByTestId('chat-reply-quote').filter({ hasText: 'the Q4 figures are ready' }).waitFor();
    expect(await reply.getByTestId('chat-message-text').innerText()).toBe('Thanks!\nLooking at them now.');
    expect(await page.getByTestId('composer-reply').count()).toBe(0);
  });

  it('reactions: a click adds, the other side sees the count, a second person makes it 2', async () => {
    await message(p.a.page, 'Looking at them now.').getByTestId('chat-action-react').click();
    await p.a.page.locator('[data-testid="emoji-option"][data-emoji="👍"]').first().click();
    const mineA = message(p.a.page, 'Looking at them now.').locator('[data-testid="chat-reaction"][data-emoji="👍"]');
    await until(async () => (await mineA.getAttribute('data-count')) === '1' && (await mineA.getAttribute('data-mine')) === 'true', 'Anna’s reaction shows', LIVE);
    const onB = message(p.b.page, 'Looking at them now.').locator('[data-testid="chat-reaction"][data-emoji="👍"]');
    await until(async () => (await onB.getAttribute('data-count')) === '1' && (await onB.getAttribute('data-mine')) === 'false', 'Boris sees it live', LIVE);
    await onB.click();
    await until(async () => (await mineA.getAttribute('data-count')) === '2', 'Anna sees the second one live', LIVE);
    // and taking it back
    await onB.click();
    await until(async () => (await mineA.getAttribute('data-count')) === '1', 'taken back', LIVE);
    // Boris edits his message: on Anna's screen her reaction stays hers
    await message(p.b.page, 'Looking at them now.').getByTestId('chat-action-edit').click();
    await p.b.page.getByTestId('chat-edit-input').fill('Thanks!\nLooking at them now, all good.');
    await p.b.page.getByTestId('chat-edit-save').click();
    await message(p.a.page, 'all good.').getByTestId('chat-message-edited').waitFor();
    const kept = message(p.a.page, 'all good.').locator('[data-testid="chat-reaction"][data-emoji="👍"]');
    expect([await kept.getAttribute('data-count'), await kept.getAttribute('data-mine')]).toEqual(['1', 'true']);
  });

  it('Anna edits and deletes her own messages; Boris sees both live', async () => {
    const { page } = p.a;
    await page.locator('[data-testid="chat-message"][data-mine="true"]', { hasText: 'the Q4 figures are ready' }).getByTestId('chat-action-edit').click();
    await page.getByTestId('chat-edit-input').fill('Hello Boris, the Q4 figures are final.');
    await page.getByTestId('chat-edit-save').click();
    await message(p.b.page, 'the Q4 figures are final.').getByTestId('chat-message-edited').waitFor();
    await seeText(p.b.page, 'chat-message-edited', '(edited)');

    await send(page, 'A message I will take back');
    await message(page, 'A message I will take back').and(page.locator('[data-state="sent"]')).waitFor();
    await message(p.b.page, 'A message I will take back').waitFor();
    await message(page, 'A message I will take back').getByTestId('chat-action-delete').click();
    await page.getByTestId('confirm-submit').click();
    await until(async () => (await p.b.page.getByText('A message I will take back').count()) === 0, 'the text is gone on Boris’s side', LIVE);
    expect(await p.b.page.locator('[data-testid="chat-message"][data-deleted="true"]').count()).toBe(1);
    await seeText(p.b.page, 'chat-message-deleted', 'This message was deleted.');
  });

  it('a mention picked from the members is highlighted for Boris', async () => {
    const { page } = p.a;
    const input = page.getByTestId('composer-input');
    await input.click();
    await input.fill('Could you check the totals, ');
    await input.pressSequentially('@Bor');
    await page.getByTestId('mention-option').filter({ hasText: p.boris.name }).waitFor();
    await shot(page, 'discussions-mention');
    await input.press('Enter');
    expect(await input.inputValue()).toBe(`Could you check the totals, @${p.boris.name} `);
    await input.pressSequentially('please?');
    await input.press('Enter');
    await message(p.b.page, 'Could you check the totals').locator(`[data-testid="mention"][data-user-id="${p.ids.boris}"]`).waitFor();
    const stored = (await p.annaApi.discussions.messages(groupId, { limit: 5 })).items.find((m) => m.text.startsWith('Could you check'));
    expect(stored?.mentions).toEqual([p.ids.boris]);
    await shot(p.b.page, 'discussions-group');
  });

  it('a file is attached, sent and downloaded', async () => {
    const { page } = p.a;
    await page.getByTestId('composer-file-input').setInputFiles({ name: 'totals.csv', mimeType: 'text/csv', buffer: Buffer.from('q,total\nQ4,1350\n') });
    await page.locator('[data-testid="composer-file"][data-state="ready"]').waitFor();
    await send(page, 'The totals, as a file');
    const onB = message(p.b.page, 'The totals, as a file').locator('[data-testid="chat-file"][data-filename="totals.csv"]');
    await onB.waitFor();
    const [download] = await Promise.all([p.b.page.waitForEvent('download'), onB.click()]);
    expect(download.suggestedFilename()).toBe('totals.csv');
    expect(readFileSync((await download.path())!, 'utf8')).toBe('q,total\nQ4,1350\n');
  });

  it('rename (the creator), pin and mute, members: add and remove', async () => {
    const { page } = p.a;
    await page.getByTestId('chat-rename').click();
    await page.getByTestId('rename-input').fill(`${group} (final)`);
    await page.getByTestId('rename-save').click();
    await seeText(p.b.page, 'chat-title', `${group} (final)`);
    await seeText(p.b.page, 'chat-subtitle', 'renamed');
    expect(await p.b.page.getByTestId('chat-rename').count()).toBe(0);

    await page.getByTestId('chat-pin').click();
    await until(async () => (await row(page, group).getAttribute('data-pinned')) === 'true', 'pinned', LIVE);
    await page.getByTestId('chat-mute').click();
    await until(async () => (await row(page, group).getAttribute('data-muted')) === 'true', 'muted', LIVE);
    await row(page, group).getByTestId('discussion-row-muted').waitFor();

    await page.getByTestId('chat-members').click();
    await page.getByTestId('members-add-search').fill(`celina.${p.suffix}`);
    await page.getByTestId('members-add-option').filter({ hasText: p.celina.name }).click();
    await page.getByTestId('members-add-submit').click();
    await page.locator(`[data-testid="member-row"][data-user-id="${p.ids.celina}"]`).waitFor();
    await seeText(page, 'chat-subtitle', 'Members: 3');
    await shot(page, 'discussions-members');
    await page.locator(`[data-testid="member-row"][data-user-id="${p.ids.celina}"]`).getByTestId('member-remove').click();
    await page.getByTestId('confirm-submit').click();
    await until(async () => (await page.locator(`[data-testid="member-row"][data-user-id="${p.ids.celina}"]`).count()) === 0, 'Celina removed', LIVE);
    await seeText(page, 'chat-subtitle', 'Members: 2');
    await page.keyboard.press('Escape');
    await page.getByTestId('members-modal').waitFor({ state: 'hidden' });
    await page.getByTestId('chat-mute').click();
    await until(async () => (await row(page, group).getAttribute('data-muted')) === 'false', 'unmuted', LIVE);
  });

  it('search finds a message and opens its discussion', async () => {
    const { page } = p.b;
    await page.getByTestId('discussion-search').fill('totals');
    await page.getByTestId('discussion-search').press('Enter');
    const hit = page.getByTestId('discussion-search-hit').filter({ hasText: 'The totals, as a file' });
    await hit.waitFor();
    await shot(page, 'discussions-search');
    await hit.click();
    await seeText(page, 'chat-title', `${group} (final)`);
    await page.getByTestId('discussion-search-close').click();
    await row(page, group).waitFor();
  });

  it('older messages load when scrolling up; the list pages with Load more', async () => {
    const api = p.annaApi;
    const many = await api.discussions.create({ kind: 'group', title: `Long thread ${p.suffix}`, memberIds: [p.ids.boris] });
    for (let i = 1; i <= 55; i++) await api.discussions.post(many.id, { clientId: `seed-${p.suffix}-${i}`, text: `Seed message ${i}` });
    for (let i = 0; i < 30; i++) await api.discussions.create({ kind: 'group', title: `Filler ${p.suffix} ${String(i).padStart(2, '0')}` });
    const { page } = p.a;
    await page.goto(`/discussions/${many.id}`);
    await message(page, 'Seed message 55').waitFor();
    expect(await page.getByText('Seed message 1', { exact: true }).count()).toBe(0);
    await page.getByTestId('chat-messages').hover();
    for (let i = 0; i < 10 && !(await page.getByText('Seed message 1', { exact: true }).count()); i++) {
      await page.mouse.wheel(0, -3000);
      await new Promise((r) => setTimeout(r, 300));
    }
    await page.getByText('Seed message 1', { exact: true }).waitFor();
    // the list: 30 a page, then Load more
    await page.getByTestId('discussion-list').getByTestId('load-more').click();
    await row(page, `Filler ${p.suffix} 00`).waitFor();
  });

  it('the screen in Russian and Polish', async () => {
    const { page } = p.a;
    await page.goto(`/discussions/${groupId}`);
    await chooseLanguage(page, 'ru');
    await seeText(page, 'section-title', 'Обсуждения');
    await seeText(page, 'composer-hint', 'Enter — отправить');
    await shot(page, 'discussions-ru');
    await chooseLanguage(page, 'pl');
    await seeText(page, 'section-title', 'Dyskusje');
    await seeText(page, 'chat-subtitle', 'Uczestnicy: 2');
    await shot(page, 'discussions-pl');
    await chooseLanguage(page, 'en');
    await seeText(page, 'section-title', 'Discussions');
    expect(realProblems(p.a.problems)).toEqual([]);
    expect(realProblems(p.b.problems)).toEqual([]);
  });
});
