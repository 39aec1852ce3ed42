import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { PHONE, hasBrowser, launchBrowser, newPage, shot } from '../harness/browser.ts';
import { chimes, message, notes, row, send, signedIn, startPair } from '../harness/discussions.ts';
import { startServer, type RunningServer } from '../harness/server.ts';
import { realProblems, seeText, signIn, until } from '../harness/steps.ts';

/** Waits for things that travel live through the server to the other browser. */
const LIVE = 30_000;

describe.skipIf(!hasBrowser)('discussions: presence, objects, notifications, do not disturb, automatic away, phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let p: Awaited<ReturnType<typeof startPair>>;
  let group = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    p = await startPair(server, browser);
    // a group both are in (Anna made it and renamed it)
    group = `Q4 budget ${p.suffix}`;
    const g = await p.annaApi.discussions.create({ kind: 'group', title: group, memberIds: [p.ids.boris] });
    await p.annaApi.discussions.update(g.id, { title: `${group} (final)` });
    await p.annaApi.discussions.post(g.id, { clientId: `hello-${p.suffix}`, text: 'Hello Boris, the Q4 figures are final.' });
    await row(p.b.page, group).waitFor();
  });
  afterAll(async () => {
    await p?.a.context.close();
    await p?.b.context.close();
    await browser?.close();
    await server?.stop();
  });

  it('a direct dialog shows the other person’s presence, which changes live', async () => {
    const { page } = p.a;
    await page.getByTestId('discussion-new').click();
    await page.getByTestId('discussion-new-direct').click();
    await page.getByTestId('new-direct-people-search').fill(`boris.${p.suffix}`);
    await page.getByTestId('new-direct-people-option').filter({ hasText: p.boris.name }).click();
    await seeText(page, 'chat-title', p.boris.name);
    const dot = page.getByTestId('chat-pane').getByTestId('presence-dot');
    await until(async () => (await dot.getAttribute('data-status')) === 'available', 'Boris is available', LIVE);

    await p.b.page.getByTestId('status-menu').click();
    await p.b.page.getByTestId('status-dnd').click();
    await until(async () => (await p.b.page.getByTestId('status-menu').getAttribute('data-status')) === 'dnd', 'Boris chose do not disturb', LIVE);
    await until(async () => (await dot.getAttribute('data-status')) === 'dnd', 'Anna sees do not disturb live', LIVE);
    const inList = row(page, p.boris.name).getByTestId('presence-dot');
    expect(await inList.getAttribute('data-status')).toBe('dnd');
    await shot(page, 'discussions-presence');
    await p.b.page.getByTestId('status-menu').click();
    await p.b.page.getByTestId('status-available').click();
    await until(async () => (await dot.getAttribute('data-status')) === 'available', 'back to available', LIVE);
  });

  it('someone in the user search who shares no discussion with Anna changes presence live', async () => {
    const { page } = p.a;
    // Celina is in no discussion with Anna (not a contact): her signed-in browser makes her online
    const celina = await newPage(browser, { baseURL: server.url });
    let open = true;
    try {
      await signIn(celina.page, p.celina.login, p.celina.password);
      await page.getByTestId('discussion-new').click();
      await page.getByTestId('discussion-new-direct').click();
      // the search's presence is asked once (and kept a minute): what changes after that comes live
      const asked = page.waitForResponse((r) => r.url().includes('/api/v1/presence?') && new URL(r.url()).searchParams.get('userIds') === p.ids.celina);
      await page.getByTestId('new-direct-people-search').fill(`celina.${p.suffix}`);
      await asked;
      const dot = page.getByTestId('new-direct-people-option').filter({ hasText: p.celina.name }).getByTestId('presence-dot');
      await until(async () => (await dot.getAttribute('data-status')) === 'available', 'Celina is available', LIVE);
      await (await signedIn(server.url, p.celina.login, p.celina.password)).presence.set({ status: 'dnd' });
      await until(async () => (await dot.getAttribute('data-status')) === 'dnd', 'Anna sees Celina’s do not disturb without a reload', LIVE);
      await shot(page, 'discussions-presence-search');
      await celina.context.close();
      open = false;
      await until(async () => (await dot.getAttribute('data-status')) === 'offline', 'Anna sees Celina go offline', LIVE);
      await page.keyboard.press('Escape');
    } finally {
      if (open) await celina.context.close();
    }
  });

  it('an object’s discussion, opened from a link; a mention reaches Boris with a notification', async () => {
    const { page } = p.a;
    await page.goto(`/discussions/object/contract/${p.object.id}`);
    await seeText(page, 'chat-title', p.object.title);
    await seeText(page, 'chat-subtitle', `About: ${p.object.title}`);
    expect(new URL(page.url()).pathname).toMatch(/^\/discussions\/[0-9a-f-]{36}$/);
    const input = page.getByTestId('composer-input');
    await input.click();
    await input.fill('Is the contract signed? ');
    await input.pressSequentially('@Boris');
    await page.getByTestId('mention-option').filter({ hasText: p.boris.name }).click();
    await input.press('Enter');
    await message(page, 'Is the contract signed?').and(page.locator('[data-state="sent"]')).waitFor();

    // Boris is mentioned: it joins his list, and he is told (that discussion is not on his screen)
    await row(p.b.page, p.object.title).waitFor();
    expect(await row(p.b.page, p.object.title).getAttribute('data-kind')).toBe('object');
    await until(async () => (await notes(p.b.page)).some((n) => n.title === `${p.anna.name} mentioned you in “${p.object.title}”`), 'a notification about the mention', LIVE);
    await row(p.b.page, p.object.title).click();
    await message(p.b.page, 'Is the contract signed?').locator(`[data-testid="mention"][data-user-id="${p.ids.boris}"]`).waitFor();
    await shot(p.b.page, 'discussions-object');
  });

  it('a message in a discussion not on screen notifies; none while it is open; none under do not disturb', async () => {
    const before = (await notes(p.b.page)).length;
    // Boris has the object's discussion open: a message in the group notifies
    await p.a.page.getByTestId('nav-discussions').click();
    await row(p.a.page, group).click();
    await send(p.a.page, 'One more thing about Q4');
    await until(async () => (await notes(p.b.page)).some((n) => n.body === 'One more thing about Q4'), 'notified about the group message', LIVE);
    expect((await notes(p.b.page)).find((n) => n.body === 'One more thing about Q4')!.title).toBe(`${p.anna.name} in “${group} (final)”`);
    expect(await chimes(p.b.page)).toBeGreaterThan(0);
    // a message in the discussion Boris is looking at does not
    await p.a.page.goto(`/discussions/object/contract/${p.object.id}`);
    await send(p.a.page, 'Seen on screen');
    await message(p.b.page, 'Seen on screen').waitFor();
    // do not disturb: nothing
    await p.b.page.getByTestId('status-menu').click();
    await p.b.page.getByTestId('status-dnd').click();
    await until(async () => (await p.b.page.getByTestId('status-menu').getAttribute('data-status')) === 'dnd', 'dnd', LIVE);
    await p.a.page.getByTestId('nav-discussions').click();
    await row(p.a.page, group).click();
    await send(p.a.page, 'Quiet please');
    await until(async () => (await row(p.b.page, group).getAttribute('data-unread')) === '2', 'counted as unread', LIVE);
    await new Promise((r) => setTimeout(r, 500));
    const after = await notes(p.b.page);
    expect(after.length).toBe(before + 1);
    await p.b.page.getByTestId('status-menu').click();
    await p.b.page.getByTestId('status-available').click();
  });

  it('on a phone: the list, then one discussion with a way back', async () => {
    const phone = await newPage(browser, { baseURL: server.url, viewport: PHONE, phone: true });
    await signIn(phone.page, p.boris.login, p.boris.password);
    await phone.page.goto('/discussions');
    await row(phone.page, group).click();
    await seeText(phone.page, 'chat-title', `${group} (final)`);
    expect(await phone.page.getByTestId('discussion-list').count()).toBe(0);
    await shot(phone.page, 'discussions-phone');
    await phone.page.getByTestId('chat-back').click();
    await row(phone.page, group).waitFor();
    expect(realProblems(phone.problems)).toEqual([]);
    await phone.context.close();
  });

  it('away after the person’s minutes without mouse or keyboard, available again on activity', async () => {
    await p.annaApi.presence.set({ status: 'available', awayMinutes: 1 });
    const { page } = p.a;
    await page.clock.install();
    await page.goto('/discussions');
    const menu = page.getByTestId('status-menu');
    await until(async () => (await menu.getAttribute('data-status')) === 'available', 'available at first', LIVE);
    await page.clock.fastForward('01:30');
    await until(async () => (await menu.getAttribute('data-status')) === 'away', 'away after a minute without activity', LIVE);
    expect((await p.annaApi.presence.me()).status).toBe('away');
    await page.mouse.move(300, 300);
    await page.mouse.move(320, 340);
    await until(async () => (await menu.getAttribute('data-status')) === 'available', 'available again', LIVE);
    expect((await p.annaApi.presence.me()).status).toBe('available');
    // a status chosen by hand is not changed by activity
    await menu.click();
    await page.getByTestId('status-away').click();
    await until(async () => (await menu.getAttribute('data-status')) === 'away', 'away by hand', LIVE);
    await page.mouse.move(100, 500);
    await new Promise((r) => setTimeout(r, 800));
    expect(await menu.getAttribute('data-status')).toBe('away');
    await menu.click();
    await page.getByTestId('status-available').click();
    await until(async () => (await menu.getAttribute('data-status')) === 'available', 'available by hand', LIVE);
  });
});
