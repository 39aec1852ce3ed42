import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import type { MailroomClient } from '@mailroom/sdk';
import { hasBrowser, launchBrowser, newPage, shot } from '../harness/browser.ts';
import { allMessages, deliveredOnce, message, pendingInStorage, send, signedIn } from '../harness/discussions.ts';
import { startServer, type RunningServer } from '../harness/server.ts';
import { realProblems, seeText, signIn, until } from '../harness/steps.ts';

const suffix = Date.now().toString(36);
const anna = { login: `anna.${suffix}`, name: `Anna Lis ${suffix}`, password: 'anna-pass-1234' };

/** Every POST of a message the browser made: text and client id. */
const posts: { text: string; clientId: string }[] = [];
const recordPost = (r: Request) => {
  if (r.method() !== 'POST' || !/\/api\/v1\/discussions\/[^/]+\/messages$/.test(r.url())) return;
  const body = r.postDataJSON() as { text: string; clientId: string };
  posts.push({ text: body.text, clientId: body.clientId });
};
/** Each text was always sent with one and the same client id. */
const oneClientIdEach = (texts: string[]) => texts.map((t) => new Set(posts.filter((p) => p.text === t).map((p) => p.clientId)).size);

describe.skipIf(!hasBrowser)('discussions offline: every message delivered exactly once', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let api: MailroomClient;
  let id = '';

  const states = (texts: string[]) => Promise.all(texts.map((t) => message(page, t).getAttribute('data-state')));

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const admin = await signedIn(server.url, server.adminLogin, server.adminPassword);
    await admin.users.create({ ...anna, language: 'en' });
    api = await signedIn(server.url, anna.login, anna.password);
    await api.settings.update({ sendKey: 'enter' });
    id = (await api.discussions.create({ kind: 'group', title: `Offline ${suffix}`, memberIds: [] })).id;
    ({ context, page, problems } = await newPage(browser, { baseURL: server.url }));
    context.on('request', recordPost);
    await signIn(page, anna.login, anna.password);
    await page.goto(`/discussions/${id}`);
    await seeText(page, 'chat-title', `Offline ${suffix}`);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('offline, three messages show "Sending…"; back online each is delivered once, in order', async () => {
    const texts = ['Offline one', 'Offline two', 'Offline three'];
    await context.setOffline(true);
    for (const t of texts) await send(page, t);
    for (const t of texts) await seeText(page, 'chat-message-status', 'Sending…');
    expect(await states(texts)).toEqual(['sending', 'sending', 'sending']);
    expect(await pendingInStorage(page)).toBe(3);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await allMessages(api, id)).toEqual([]);
    await shot(page, 'discussions-offline-sending');

    await context.setOffline(false);
    await until(async () => (await states(texts)).every((s) => s === 'sent'), 'all three are sent', 20_000);
    expect(await deliveredOnce(api, id, texts, 'each text once on the server')).toEqual([1, 1, 1]);
    expect((await allMessages(api, id)).map((m) => m.text)).toEqual(texts);
    expect(await pendingInStorage(page)).toBe(0);
    expect(oneClientIdEach(texts)).toEqual([1, 1, 1]);
    await shot(page, 'discussions-offline-sent');
  });

  it('offline, two messages, the page closed and opened again online: sent once after the reload', async () => {
    const texts = ['Written offline, sent after reload A', 'Written offline, sent after reload B'];
    await context.setOffline(true);
    for (const t of texts) await send(page, t);
    expect(await states(texts)).toEqual(['sending', 'sending']);
    await until(async () => (await pendingInStorage(page)) === 2, 'both written down');
    await page.close();
    await context.setOffline(false);
    expect((await allMessages(api, id)).length).toBe(3);

    page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
    await page.goto(`/discussions/${id}`);
    await until(async () => (await states(texts)).every((s) => s === 'sent'), 'sent after the reload', 20_000);
    expect(await deliveredOnce(api, id, texts, 'each once')).toEqual([1, 1]);
    expect((await allMessages(api, id)).length).toBe(5);
    expect(await pendingInStorage(page)).toBe(0);
    expect(oneClientIdEach(texts)).toEqual([1, 1]);
  });

  it('an answer lost on the way: sent again with the same client id, stored once', async () => {
    let lost = false;
    await page.route('**/api/v1/discussions/*/messages', async (route) => {
      if (route.request().method() !== 'POST' || lost) return route.fallback();
      lost = true;
      await route.fetch(); // the server stores it…
      await route.abort('connectionreset'); // …and the answer never arrives
    });
    await send(page, 'The answer to this one is lost');
    await until(async () => (await pendingInStorage(page)) === 0, 'resent and taken off the queue', 20_000);
    expect(posts.filter((p) => p.text === 'The answer to this one is lost').length).toBeGreaterThanOrEqual(2);
    expect(oneClientIdEach(['The answer to this one is lost'])).toEqual([1]);
    expect(await deliveredOnce(api, id, ['The answer to this one is lost'], 'stored once')).toEqual([1]);
    await page.unroute('**/api/v1/discussions/*/messages');
  });

  it('a refused message shows Retry and Delete; server errors are retried', async () => {
    let refuse = 2;
    let fail = 2;
    await page.route('**/api/v1/discussions/*/messages', async (route) => {
      const body = route.request().method() === 'POST' ? (route.request().postDataJSON() as { text: string }) : null;
      if (body?.text.startsWith('Refused') && refuse > 0) {
        refuse--;
        return route.fulfill({ status: 422, contentType: 'application/json', body: JSON.stringify({ error: { code: 'VALIDATION_FAILED', message: 'no', field: 'text' } }) });
      }
      if (body?.text === 'Server hiccup' && fail > 0) {
        fail--;
        return route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'INTERNAL', message: 'boom', requestId: 'r1' } }) });
      }
      return route.fallback();
    });
    await send(page, 'Refused, then retried');
    await send(page, 'Refused, then deleted');
    await until(async () => (await states(['Refused, then retried', 'Refused, then deleted'])).every((s) => s === 'failed'), 'both failed');
    await message(page, 'Refused, then retried').getByTestId('chat-message-retry').waitFor();
    await shot(page, 'discussions-offline-failed');
    await message(page, 'Refused, then deleted').getByTestId('chat-message-discard').click();
    await until(async () => (await page.getByText('Refused, then deleted').count()) === 0, 'deleted from the screen');
    await message(page, 'Refused, then retried').getByTestId('chat-message-retry').click();
    await until(async () => (await message(page, 'Refused, then retried').getAttribute('data-state')) === 'sent', 'retried and sent');

    await send(page, 'Server hiccup');
    await until(async () => (await message(page, 'Server hiccup').getAttribute('data-state')) === 'sent', 'sent after two 500s', 20_000);
    expect(await deliveredOnce(api, id, ['Refused, then retried', 'Server hiccup'], 'once each')).toEqual([1, 1]);
    expect((await allMessages(api, id)).some((m) => m.text === 'Refused, then deleted')).toBe(false);
    expect(await pendingInStorage(page)).toBe(0);
    await page.unroute('**/api/v1/discussions/*/messages');
    expect(realProblems(problems).filter((p) => !/ERR_INTERNET_DISCONNECTED|net::ERR/.test(p))).toEqual([]);
  });
});
