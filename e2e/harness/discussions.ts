import type { Browser, Frame, Page } from 'playwright-core';
import { MailroomClient } from '@mailroom/sdk';
import { newPage } from './browser.ts';
import type { RunningServer } from './server.ts';
import { seeText, signIn, until } from './steps.ts';

type Surface = Page | Frame;

/** A message on screen by its text (server messages and pending ones alike). */
export const message = (s: Surface, text: string) => s.locator('[data-testid="chat-message"]', { hasText: text }).last();
/** A row of the discussion list by its title. */
export const row = (s: Surface, title: string) => s.locator('[data-testid="discussion-row"]', { hasText: title }).first();

/** Types a message and sends it with the person's send key. */
export async function send(s: Surface, text: string, key: 'Enter' | 'Control+Enter' = 'Enter') {
  const input = s.getByTestId('composer-input');
  await input.click();
  await input.fill(text);
  await input.press(key);
}

/** The number of a person's outgoing messages still written down in IndexedDB. */
export function pendingInStorage(s: Surface): Promise<number> {
  return s.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const req = indexedDB.open('mailroom');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('outgoing')) return resolve(0);
          const count = db.transaction('outgoing').objectStore('outgoing').count();
          count.onsuccess = () => resolve(count.result);
          count.onerror = () => reject(count.error);
        };
      }),
  );
}

/** Everything a discussion holds, through the API (all pages), oldest first. */
export async function allMessages(api: MailroomClient, discussionId: string) {
  const out = [];
  let before: number | undefined;
  for (;;) {
    const page = await api.discussions.messages(discussionId, { before, limit: 200 });
    out.push(...page.items);
    if (!page.nextCursor) break;
    before = Number(page.nextCursor);
  }
  return out.reverse();
}

/** A person's own API client, signed in. */
export async function signedIn(url: string, login: string, password: string) {
  const api = new MailroomClient({ baseUrl: url });
  await api.auth.login(login, password);
  return api;
}

/** Waits until the discussion has exactly these texts among its messages, each once. */
export async function deliveredOnce(api: MailroomClient, discussionId: string, texts: string[], what: string) {
  await until(async () => {
    const all = (await allMessages(api, discussionId)).map((m) => m.text);
    return texts.every((t) => all.filter((x) => x === t).length === 1);
  }, what, 20_000);
  const all = (await allMessages(api, discussionId)).map((m) => m.text);
  return texts.map((t) => all.filter((x) => x === t).length);
}

/** Replaces browser notifications and chimes by records (window.__notes, window.__chimes); an init script. */
export const recordAlerts = () => {
  const w = window as unknown as { __notes: { title: string; body?: string }[]; __chimes: number; Notification: unknown; AudioContext?: { prototype: AudioContext } };
  w.__notes = [];
  w.__chimes = 0;
  class FakeNotification {
    static permission = 'granted';
    static requestPermission = async () => 'granted';
    onclick: unknown = null;
    constructor(title: string, opts?: { body?: string }) {
      w.__notes.push({ title, body: opts?.body });
    }
    close() {}
  }
  w.Notification = FakeNotification;
  const proto = w.AudioContext?.prototype;
  if (proto) {
    const create = proto.createOscillator;
    proto.createOscillator = function (this: AudioContext) {
      w.__chimes++;
      return create.call(this);
    };
  }
};
export const notes = (page: Page) => page.evaluate(() => (window as unknown as { __notes: { title: string; body?: string }[] }).__notes);
export const chimes = (page: Page) => page.evaluate(() => (window as unknown as { __chimes: number }).__chimes);

/**
 * Two people in two browser contexts, both on the discussions screen: Anna (sends with Enter) and
 * Boris (Ctrl+Enter; his notifications and chimes recorded), Celina to add and remove, and a
 * business object both may see, registered by a host application with its API key.
 */
export async function startPair(server: RunningServer, browser: Browser) {
  const suffix = Date.now().toString(36);
  const anna = { login: `anna.${suffix}`, name: `Anna Lis ${suffix}`, password: 'anna-pass-1234' };
  const boris = { login: `boris.${suffix}`, name: `Boris Petrov ${suffix}`, password: 'boris-pass-1234' };
  const celina = { login: `celina.${suffix}`, name: `Celina Wrona ${suffix}`, password: 'celina-pass-123' };
  const object = { type: 'contract', id: `c-${suffix}`, title: `Contract ${suffix} with Northwind` };
  const admin = await signedIn(server.url, server.adminLogin, server.adminPassword);
  const made = [];
  for (const p of [anna, boris, celina]) made.push(await admin.users.create({ ...p, language: 'en' }));
  const ids = { anna: made[0]!.id, boris: made[1]!.id, celina: made[2]!.id };
  const annaApi = await signedIn(server.url, anna.login, anna.password);
  await annaApi.settings.update({ sendKey: 'enter' });
  const borisApi = await signedIn(server.url, boris.login, boris.password);
  await borisApi.settings.update({ sendKey: 'ctrl-enter' });
  const { key } = await admin.apiKeys.create(`ERP ${suffix}`);
  const host = new MailroomClient({ baseUrl: server.url, apiKey: key });
  await host.objects.put(object.type, object.id, { title: object.title, url: null, access: { mode: 'list', userIds: [ids.anna, ids.boris], groupIds: [], departmentIds: [] } });

  const a = await newPage(browser, { baseURL: server.url });
  const b = await newPage(browser, { baseURL: server.url });
  await b.context.addInitScript(recordAlerts);
  await signIn(a.page, anna.login, anna.password);
  await signIn(b.page, boris.login, boris.password);
  for (const { page } of [a, b]) {
    await page.getByTestId('nav-discussions').click();
    await seeText(page, 'section-title', 'Discussions');
  }
  return { suffix, anna, boris, celina, object, ids, annaApi, borisApi, host, a, b };
}
