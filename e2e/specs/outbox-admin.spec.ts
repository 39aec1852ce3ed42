import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { enqueueMail } from '../../server/src/modules/outbox/enqueue.ts';
import { startAppServer, type AppServer } from '../harness/app-server.ts';
import { hasBrowser, launchBrowser, newPage, PHONE, shot } from '../harness/browser.ts';
import { startSmtpSink, type SmtpSink } from '../harness/smtp-sink.ts';
import { chooseLanguage, pick, realProblems, seeText, signIn, until } from '../harness/steps.ts';

const row = (page: Page, subject: string) => page.locator('[data-testid="outbox-row"]', { hasText: subject }).first();
const statusOf = (page: Page, subject: string) => row(page, subject).getAttribute('data-status');
const top = (page: Page) => page.evaluate(() => window.scrollTo(0, 0));
/** Lets a modal's opening transition finish before a screenshot. */
const settle = (page: Page) => page.waitForTimeout(400);

describe.skipIf(!hasBrowser)('outgoing mail: the system account, a test message, the queue and the delivery log', () => {
  let server: AppServer;
  let smtp: SmtpSink;
  let browser: Browser;
  let admin: Page;
  let problems: string[] = [];
  let closeAll: () => Promise<void>;

  /** Queues e-mail the way the server's modules do: enqueueMail in a transaction of the organisation. */
  const queue = async (subject: string, to: string[]) => {
    const { deps } = server.app;
    const { rows } = await deps.db.query<{ org_id: string }>('select org_id from users where login = $1', [server.adminLogin]);
    return deps.db.tx((tx) => enqueueMail(deps, tx, { orgId: rows[0]!.org_id, senderId: null, to, subject, text: `${subject}: body` }));
  };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    // retries far away: a message the server asks to try later stays "waiting" while the spec looks at it
    server = await startAppServer({ outboxRetrySeconds: 600, outboxTimeoutMs: 5000 });
    browser = await launchBrowser();
    const a = await newPage(browser, { baseURL: server.url });
    admin = a.page;
    problems = a.problems;
    closeAll = () => a.context.close();
    await signIn(admin, server.adminLogin, server.adminPassword);
  });
  afterAll(async () => {
    await closeAll?.();
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });

  it('the administrator sets up the system account on a plain SMTP server and saves it', async () => {
    await admin.getByTestId('nav-admin-system-mail').click();
    await seeText(admin, 'section-title', 'System mail account');
    expect(await admin.getByTestId('system-mail-enabled').isChecked()).toBe(false);
    await admin.getByTestId('system-mail-enabled').check({ force: true });
    await admin.getByTestId('system-mail-from').fill('noreply@corp.example');
    await admin.getByTestId('system-mail-display-name').fill('Corp notifications');
    await admin.getByTestId('system-mail-reply-to').fill('help@corp.example');
    await admin.getByTestId('system-mail-account-name').fill('Notifications');
    await admin.getByTestId('system-mail-host').fill('127.0.0.1');
    await pick(admin, 'system-mail-security', 'None');
    expect(await admin.getByTestId('system-mail-port').inputValue()).toBe('25');
    await admin.getByTestId('system-mail-port').fill(String(smtp.port));
    await admin.getByTestId('system-mail-auth').getByText('None').click();
    expect(await admin.getByTestId('system-mail-password').count()).toBe(0);
    await admin.getByTestId('system-mail-after-send-archive').check({ force: true });
    await admin.getByTestId('system-mail-archive-days').fill('14');
    await admin.getByTestId('system-mail-save').click();
    await seeText(admin, 'system-mail-saved', 'The system mail account is saved.');
    await top(admin);
    await shot(admin, 'system-mail');

    // what was saved comes back from the server
    await admin.reload();
    await admin.getByTestId('system-mail-form').waitFor();
    expect(await admin.getByTestId('system-mail-enabled').isChecked()).toBe(true);
    expect(await admin.getByTestId('system-mail-from').inputValue()).toBe('noreply@corp.example');
    expect(await admin.getByTestId('system-mail-port').inputValue()).toBe(String(smtp.port));
    expect(await admin.getByTestId('system-mail-security').inputValue()).toBe('None');
    expect(await admin.getByTestId('system-mail-archive-days').inputValue()).toBe('14');
  });

  it('a password and a DKIM key are write-only: "stored" once saved, blank keeps them', async () => {
    await admin.getByTestId('system-mail-auth').getByText('Login and password').click();
    await admin.getByTestId('system-mail-login').fill('noreply');
    await admin.getByTestId('system-mail-password').fill('s3cret-pass');
    await admin.getByTestId('system-mail-dkim').check({ force: true });
    await admin.getByTestId('system-mail-dkim-domain').fill('corp.example');
    await admin.getByTestId('system-mail-dkim-selector').fill('mail');
    // no key stored yet: saving waits for one
    expect(await admin.getByTestId('system-mail-save').isDisabled()).toBe(true);
    // a real key: the server refuses anything else (nodemailer would quietly skip signing)
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    await admin.getByTestId('system-mail-dkim-key').fill(privateKey);
    await admin.getByTestId('system-mail-save').click();
    await seeText(admin, 'system-mail-saved', 'The system mail account is saved.');
    expect(await admin.getByTestId('system-mail-password').inputValue()).toBe('');
    expect(await admin.getByTestId('system-mail-password').getAttribute('placeholder')).toBe('Stored');
    expect(await admin.getByTestId('system-mail-dkim-key').inputValue()).toBe('');
    expect(await admin.getByTestId('system-mail-dkim-key').getAttribute('placeholder')).toBe('Stored');
    await admin.getByText('A key is stored. Leave empty to keep it.').waitFor();
    await admin.getByTestId('system-mail-dkim-key').scrollIntoViewIfNeeded();
    await shot(admin, 'system-mail-secrets');

    // back to no sign-in and no signature: the stored secrets go with them
    await admin.getByTestId('system-mail-auth').getByText('None').click();
    await admin.getByTestId('system-mail-dkim').uncheck({ force: true });
    await admin.getByTestId('system-mail-save').click();
    await seeText(admin, 'system-mail-saved', 'The system mail account is saved.');
    await admin.getByTestId('system-mail-auth').getByText('Login and password').click();
    expect(await admin.getByTestId('system-mail-password').getAttribute('placeholder')).toBeNull();
    await admin.getByTestId('system-mail-auth').getByText('None').click();
    expect(await admin.getByTestId('system-mail-test-unsaved').count()).toBe(0);
  });

  it('a test message with a file shows the server’s answer; a refused one is worded with what to do', async () => {
    await admin.getByTestId('system-mail-test-to').fill('someone@outside.example');
    await admin.locator('[data-testid="system-mail-test"] input[type="file"]').setInputFiles({ name: 'report.txt', mimeType: 'text/plain', buffer: Buffer.from('quarterly numbers') });
    await admin.getByTestId('system-mail-test-send').click();
    await admin.locator('[data-testid="system-mail-test-result"][data-ok="true"]').waitFor();
    await seeText(admin, 'system-mail-test-result', 'The server accepted the message.');
    await seeText(admin, 'system-mail-test-response', /250 /);
    await until(async () => smtp.received.some((m) => m.to.includes('someone@outside.example')), 'the SMTP server got the test message');
    const got = smtp.received.find((m) => m.to.includes('someone@outside.example'))!;
    expect(got.raw).toContain('report.txt');
    expect(got.raw).toMatch(/^From: "?Corp notifications"? <noreply@corp\.example>/m);
    await admin.getByTestId('system-mail-test-result').scrollIntoViewIfNeeded();
    await shot(admin, 'system-mail-test');

    await admin.getByTestId('system-mail-test-to').fill('nobody@refused.example');
    await admin.getByTestId('system-mail-test-send').click();
    await admin.locator('[data-testid="system-mail-test-result"][data-ok="false"]').waitFor();
    await seeText(admin, 'outbox-problem-text', 'The server refused the message.');
    await seeText(admin, 'outbox-problem-fix', 'Check the recipient’s address');
    await seeText(admin, 'system-mail-test-response', /550 /);
    await admin.getByTestId('system-mail-test-result').scrollIntoViewIfNeeded();
    await shot(admin, 'system-mail-test-refused');
  });

  it('queued mail is sent; a refused message fails with its reason, goes out on Retry, and its log tells the story', async () => {
    for (const n of [1, 2, 3]) await queue(`Invoice ${n}`, [`client${n}@customer.example`]);
    await queue('Contract to sign', ['nobody@refused.example']);
    await queue('Meeting reminder', ['someone@later.example']);

    await admin.getByTestId('nav-admin-outbox').click();
    await seeText(admin, 'section-title', 'Outgoing mail');
    await until(async () => (await admin.locator('[data-testid="outbox-row"][data-status="sent"]').count()) === 3, 'three messages are sent', 20_000);
    await until(async () => (await statusOf(admin, 'Contract to sign')) === 'failed', 'the refused message fails', 20_000);
    await until(async () => (await statusOf(admin, 'Meeting reminder')) === 'deferred', 'the greylisted message waits', 20_000);
    expect(smtp.received.filter((m) => m.raw.includes('Subject: Invoice')).length).toBe(3);

    const sent = row(admin, 'Invoice 1');
    await seeText(admin, 'outbox-status', 'Sent');
    expect(await sent.getByTestId('outbox-response').textContent()).toMatch(/250 /);
    expect(await sent.getByTestId('outbox-retry').count()).toBe(0);
    expect(await sent.getByTestId('outbox-cancel').count()).toBe(0);

    const failed = row(admin, 'Contract to sign');
    expect(await failed.getByTestId('outbox-status').textContent()).toBe('Failed');
    expect(await failed.getByTestId('outbox-problem-text').textContent()).toBe('The server refused the message.');
    expect(await failed.getByTestId('outbox-response').textContent()).toMatch(/550 /);
    expect(await failed.getByTestId('outbox-send-now').count()).toBe(0);

    const waiting = row(admin, 'Meeting reminder');
    expect(await waiting.getByTestId('outbox-status').textContent()).toBe('Waiting to retry');
    expect(await waiting.getByTestId('outbox-problem-text').textContent()).toBe('The receiving server asked to try again later.');
    expect(await waiting.getByTestId('outbox-times').textContent()).toContain('Next attempt');
    expect(await waiting.getByTestId('outbox-last-error').textContent()).toMatch(/451 /);
    expect(await admin.getByTestId('outbox-filter-all').getAttribute('data-count')).toBe('5');
    expect(await admin.getByTestId('outbox-filter-sent').getAttribute('data-count')).toBe('3');
    await shot(admin, 'outbox-queue');

    // the filter shows one state only
    await admin.getByTestId('outbox-filter-failed').click();
    await until(async () => (await admin.getByTestId('outbox-row').count()) === 1, 'only the failed message is listed');
    await shot(admin, 'outbox-failed');
    await admin.getByTestId('outbox-filter-all').click();
    await until(async () => (await admin.getByTestId('outbox-row').count()) === 5, 'every message is listed again');

    // the cause is fixed at the receiving end; Retry sends it
    smtp.refusing = false;
    await row(admin, 'Contract to sign').getByTestId('outbox-retry').click();
    await until(async () => (await statusOf(admin, 'Contract to sign')) === 'sent', 'the retried message is sent', 20_000);
    expect(smtp.received.some((m) => m.to.includes('nobody@refused.example'))).toBe(true);
    await row(admin, 'Contract to sign').getByTestId('outbox-toggle-log').click();
    const events = async () => row(admin, 'Contract to sign').getByTestId('outbox-log-line').evaluateAll((els) => els.map((e) => e.getAttribute('data-event')));
    await until(async () => (await events()).join(',') === 'sent,attempt,retried,failed,attempt,queued', 'the log shows the whole story');
    await row(admin, 'Contract to sign').locator('[data-testid="outbox-log-problem"][data-problem="REFUSED"]').waitFor();
    await row(admin, 'Contract to sign').getByTestId('outbox-log-table').scrollIntoViewIfNeeded();
    await shot(admin, 'outbox-message-log');
  });

  it('a waiting message is sent now on request, then cancelled after confirmation', async () => {
    const waiting = row(admin, 'Meeting reminder');
    expect(await waiting.getByTestId('outbox-attempts').textContent()).toBe('Attempts: 1');
    await waiting.getByTestId('outbox-send-now').click();
    await until(async () => (await waiting.getByTestId('outbox-attempts').textContent()) === 'Attempts: 2', 'a second attempt was made', 20_000);
    // the attempt's answer (a 4xx) may take a while on a loaded machine
    await until(async () => (await statusOf(admin, 'Meeting reminder')) === 'deferred', 'it waits again', 30_000);

    await waiting.getByTestId('outbox-cancel').click();
    await admin.getByTestId('confirm-modal').getByText('The message “Meeting reminder” will not be sent.', { exact: false }).waitFor();
    await settle(admin);
    await shot(admin, 'outbox-cancel-confirm');
    await admin.getByTestId('confirm-submit').click();
    await until(async () => (await statusOf(admin, 'Meeting reminder')) === 'cancelled', 'the message is cancelled');
    expect(await waiting.getByTestId('outbox-retry').count()).toBe(1);
    expect(await waiting.getByTestId('outbox-cancel').count()).toBe(0);
  });

  it('the delivery log lists every message’s lines, newest first', async () => {
    await admin.getByTestId('outbox-tab-log').click();
    await admin.getByTestId('outbox-log').waitFor();
    await until(async () => (await admin.getByTestId('outbox-log-line').count()) >= 15, 'the log has the lines of all five messages');
    expect(await admin.getByTestId('outbox-log-line').first().getAttribute('data-event')).toBe('cancelled');
    await admin.locator('[data-testid="outbox-log-line"][data-event="deferred"]').first().waitFor();
    await seeText(admin, 'outbox-log-event', '“Send now” requested by an administrator');
    await shot(admin, 'outbox-log');
  });

  it('both screens read well in Russian and Polish, and on a phone', async () => {
    await chooseLanguage(admin, 'ru');
    await seeText(admin, 'section-title', 'Исходящая почта');
    await admin.getByTestId('outbox-tab-queue').click();
    await seeText(admin, 'outbox-status', 'Отменено');
    await row(admin, 'Invoice 2').waitFor();
    await settle(admin);
    await shot(admin, 'outbox-queue-ru');
    await admin.getByTestId('nav-admin-system-mail').click();
    await seeText(admin, 'section-title', 'Системная почта');
    await admin.getByTestId('system-mail-test-to').fill('nobody@later.example');
    await admin.getByTestId('system-mail-test-send').click();
    await seeText(admin, 'outbox-problem-text', 'Сервер получателя попросил повторить позже.');
    await seeText(admin, 'outbox-problem-fix', 'Отправьте тест ещё раз через несколько минут.');
    await top(admin);
    await shot(admin, 'system-mail-ru');
    await admin.getByTestId('system-mail-test-result').scrollIntoViewIfNeeded();
    await shot(admin, 'system-mail-test-ru');

    await chooseLanguage(admin, 'pl');
    await seeText(admin, 'section-title', 'Poczta systemowa');
    await top(admin);
    await settle(admin);
    await shot(admin, 'system-mail-pl');
    await admin.getByTestId('nav-admin-outbox').click();
    await seeText(admin, 'section-title', 'Poczta wychodząca');
    await admin.getByTestId('outbox-tab-log').click();
    await seeText(admin, 'outbox-log-event', 'Anulowana przez administratora');
    await shot(admin, 'outbox-log-pl');

    await admin.setViewportSize(PHONE);
    await admin.getByTestId('outbox-tab-queue').click();
    await row(admin, 'Contract to sign').waitFor();
    await shot(admin, 'outbox-phone-pl');
    await chooseLanguage(admin, 'en');
    expect(realProblems(problems)).toEqual([]);
  });
});
