import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import { MailroomClient } from '@mailroom/sdk';
import { hasBrowser, launchBrowser, newPage, shot } from '../harness/browser.ts';
import { message, send, signedIn } from '../harness/discussions.ts';
import { startServer, type RunningServer } from '../harness/server.ts';
import { realProblems, seeText, signIn, until } from '../harness/steps.ts';

const suffix = Date.now().toString(36);
const anna = { login: `anna.${suffix}`, name: `Anna Lis ${suffix}`, password: 'anna-pass-1234' };
const boris = { login: `boris.${suffix}`, name: `Boris Petrov ${suffix}`, password: 'boris-pass-1234' };
const objectTitle = `Contract C-77 ${suffix}`;
const objectId = `c-77-${suffix}`;

/** The host application's page: only the script and the element, on another origin (and site: localhost, not 127.0.0.1). */
const hostPage = (mailroom: string, token: string, lang = '') => `<!doctype html>
<html><head><meta charset="utf-8"><title>ERP · ${objectTitle}</title></head>
<body style="font-family: sans-serif; margin: 24px; background: #f4f6f8">
<h1 style="font-size: 20px">ERP — ${objectTitle}</h1>
<script src="${mailroom}/widget.js"></script>
<mailroom-discussion object-type="contract" object-id="${objectId}" token="${token}"${lang ? ` lang="${lang}"` : ''} height="560px"></mailroom-discussion>
</body></html>`;

describe.skipIf(!hasBrowser)('the embeddable widget on another origin', () => {
  let server: RunningServer;
  let browser: Browser;
  let host: Server;
  let hostUrl = '';
  let token = '';
  let erp: MailroomClient;
  let html = '';
  let widget: Awaited<ReturnType<typeof newPage>>;
  let full: Awaited<ReturnType<typeof newPage>>;
  let frame: Frame;

  const embedFrame = async (page: Page) => {
    await until(async () => !!page.frames().find((f) => f.url().includes('/embed/discussion')), 'the widget’s frame is there');
    return page.frames().find((f) => f.url().includes('/embed/discussion'))!;
  };

  beforeAll(async () => {
    // the host application's pages: / the widget; /frame?src= a page that frames the given address
    host = createServer((req, res) => {
      const src = new URL(req.url ?? '/', 'http://x').searchParams.get('src');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(src ? `<!doctype html><title>framing</title><iframe id="framed" src="${src}" width="600" height="400"></iframe>` : html);
    });
    await new Promise<void>((r) => host.listen(0, r));
    const hostPort = (host.address() as AddressInfo).port;
    hostUrl = `http://localhost:${hostPort}/`;
    // only the ERP's origin may frame the widget (127.0.0.1:<same port> is another origin: refused)
    server = await startServer({ env: { EMBED_ALLOWED_ORIGINS: `http://localhost:${hostPort}` } });
    browser = await launchBrowser();
    const admin = await signedIn(server.url, server.adminLogin, server.adminPassword);
    const a = await admin.users.create({ ...anna, language: 'en' });
    const b = await admin.users.create({ ...boris, language: 'en' });
    await (await signedIn(server.url, anna.login, anna.password)).settings.update({ sendKey: 'enter' });
    const { key } = await admin.apiKeys.create(`ERP ${suffix}`);
    erp = new MailroomClient({ baseUrl: server.url, apiKey: key });
    await erp.objects.put('contract', objectId, { title: objectTitle, url: null, access: { mode: 'list', userIds: [a.id, b.id], groupIds: [], departmentIds: [] } });
    // the host application mints a short-lived token for Anna (POST /api/v1/tokens with its API key)
    token = (await erp.tokens.mint({ login: anna.login, ttlSeconds: 600 })).token;
    html = hostPage(server.url, token);

    full = await newPage(browser, { baseURL: server.url });
    await signIn(full.page, boris.login, boris.password);
    await full.page.goto(`/discussions/object/contract/${objectId}`);
    await seeText(full.page, 'chat-title', objectTitle);
    widget = await newPage(browser, { baseURL: hostUrl });
  });
  afterAll(async () => {
    await widget?.context.close();
    await full?.context.close();
    await browser?.close();
    await server?.stop();
    await new Promise((r) => host?.close(r));
  });

  it('the host page shows the object’s discussion; the token never travels in a query and leaves the address', async () => {
    const requests: string[] = [];
    widget.page.on('request', (r) => requests.push(r.url()));
    await widget.page.goto(hostUrl);
    frame = await embedFrame(widget.page);
    await frame.getByTestId('embed-discussion').waitFor();
    await seeText(frame, 'chat-title', objectTitle);
    expect(new URL(frame.url()).origin).toBe(server.url);
    // taken off the address at once, never in a query
    expect(await frame.evaluate(() => window.location.href)).not.toContain(token);
    expect(requests.filter((u) => u.includes(token))).toEqual([]);
    expect(requests.some((u) => u.startsWith(`${server.url}/widget.js`))).toBe(true);
    // only the embedded pane: no navigation of the application
    expect(await frame.getByTestId('navbar').count()).toBe(0);
    expect(await frame.getByTestId('chat-pin').count()).toBe(0);
  });

  it('posting from the widget arrives live in Boris’s full client, and his answer in the widget', async () => {
    await send(frame, 'Posted from the ERP page');
    await message(frame, 'Posted from the ERP page').and(frame.locator('[data-state="sent"]')).waitFor();
    await message(full.page, 'Posted from the ERP page').getByTestId('chat-message-author').filter({ hasText: anna.name }).waitFor();

    await full.page.getByTestId('composer-input').fill('Seen it, thanks');
    await full.page.getByTestId('composer-input').press('Control+Enter');
    await message(frame, 'Seen it, thanks').waitFor();
    // typing reaches the widget too
    await full.page.getByTestId('composer-input').pressSequentially('One moment', { delay: 30 });
    await seeText(frame, 'typing-indicator', `${boris.name} is typing…`);
    await shot(widget.page, 'widget-host');
    await shot(full.page, 'widget-full-client');
    await full.page.getByTestId('composer-input').fill('');
  });

  it('a reloaded frame asks the element for the token again; a new token attribute is passed on', async () => {
    await frame.evaluate(() => window.location.reload());
    frame = await embedFrame(widget.page);
    await frame.getByTestId('embed-discussion').waitFor();
    await message(frame, 'Posted from the ERP page').waitFor();

    // the host hands the element a new token (here Boris's, to see it followed): the frame takes it without reloading
    const other = (await erp.tokens.mint({ login: boris.login, ttlSeconds: 600 })).token;
    const signedInAgain = widget.page.waitForResponse((r) => r.url() === `${server.url}/api/v1/me` && r.request().headers()['authorization'] === `Bearer ${other}` && r.status() === 200);
    await widget.page.evaluate((t) => document.querySelector('mailroom-discussion')!.setAttribute('token', t), other);
    await signedInAgain;
    await new Promise((r) => setTimeout(r, 300));
    await send(frame, 'Written with the new token', 'Control+Enter'); // Boris sends with Ctrl+Enter
    // in Boris's own client it is his message
    await full.page.locator('[data-testid="chat-message"][data-mine="true"]', { hasText: 'Written with the new token' }).waitFor();
    expect(await frame.evaluate(() => window.location.href)).not.toContain(other);
  });

  it('no other site may frame Mailroom: the application never, the widget only from EMBED_ALLOWED_ORIGINS', async () => {
    const other = await newPage(browser, { baseURL: hostUrl });
    const refused: string[] = [];
    // Chromium says "Framing '…' violates the following Content Security Policy directive: …" (older: "Refused to frame …")
    other.page.on('console', (m) => /frame-ancestors/.test(m.text()) && refused.push(m.text()));
    /** Whether the page's iframe shows a Mailroom page (a refused one holds Chromium's error page, chrome-error://). */
    const shows = async (page: Page) => {
      const f = page.frames().find((x) => x !== page.mainFrame());
      return !!f && f.url().startsWith(server.url) && (await f.locator('#root').count()) > 0;
    };
    const framing = (origin: string, src: string) => other.page.goto(`${origin}/frame?src=${encodeURIComponent(src)}`);
    try {
      // the ERP's own origin may show the widget, but not the application itself
      await framing(hostUrl.replace(/\/$/, ''), `${server.url}/discussions`);
      await until(async () => refused.some((t) => t.includes("frame-ancestors 'self'")), 'Chromium refuses to frame the application', 15_000);
      expect(await shows(other.page)).toBe(false);
      // another origin may not show the widget either
      refused.length = 0;
      await framing(hostUrl.replace('localhost', '127.0.0.1').replace(/\/$/, ''), `${server.url}/embed/discussion?type=contract&id=${objectId}`);
      await until(async () => refused.some((t) => t.includes('frame-ancestors')), 'Chromium refuses to frame the widget for a site not allowed', 15_000);
      expect(await shows(other.page)).toBe(false);
      // the allowed origin may (the control)
      await framing(hostUrl.replace(/\/$/, ''), `${server.url}/embed/discussion?type=contract&id=${objectId}`);
      await until(() => shows(other.page), 'the allowed site frames the widget', 15_000);
    } finally {
      await other.context.close();
    }
  });

  it('in Russian when the element asks for it', async () => {
    html = hostPage(server.url, token, 'ru');
    await widget.page.goto(hostUrl);
    frame = await embedFrame(widget.page);
    await seeText(frame, 'composer-hint', 'Enter — отправить');
    await shot(widget.page, 'widget-host-ru');
    expect(realProblems(widget.problems)).toEqual([]);
    expect(realProblems(full.problems)).toEqual([]);
  });
});
