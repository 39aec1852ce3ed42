import { generateKeyPairSync } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MailroomClient } from '@mailroom/sdk';
import { claimDue } from '../src/modules/outbox/claim.ts';
import { enqueueMail } from '../src/modules/outbox/enqueue.ts';
import { recordSent, recordSentBatch } from '../src/modules/outbox/record.ts';
import { saveSettings } from '../src/modules/outbox/settings.ts';
import { OutboxWorker } from '../src/modules/outbox/worker.ts';
import { startTestServer, type TestServer } from './harness/app.ts';
import { makeOrg, makeWorld, PASSWORD } from './harness/factories.ts';
import { startBlackHole, startSink, type Sink } from './harness/smtp-sink.ts';
import { until } from './harness/wait.ts';

let s: TestServer;
let w: Awaited<ReturnType<typeof makeWorld>>;
let sink: Sink;
let admin: MailroomClient;
let alice: MailroomClient;
const workers: OutboxWorker[] = [];

beforeAll(async () => {
  // workers of our own below; retries come fast, a silent server is given up on after a second
  s = await startTestServer({ workers: false, outboxRetrySeconds: 0.2, outboxTimeoutMs: 1000, outboxLeaseSeconds: 5, outboxPerDestination: 2 });
  w = await makeWorld(s.deps);
  sink = await startSink();
  admin = await s.signIn(w.admin.login, PASSWORD);
  alice = await s.signIn(w.alice.login, PASSWORD);
  await admin.http.call('PUT', '/api/v1/admin/system-mail', {
    enabled: true, accountName: 'Notifications', fromAddress: 'noreply@corp.example', displayName: 'Corp Mailroom', replyTo: 'help@corp.example',
    host: sink.host, port: sink.port, security: 'none', auth: 'none', afterSend: 'archive', archiveDays: 7,
  });
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((x) => x.stop()));
  sink.script(() => 'accept');
});
afterAll(async () => {
  await sink.stop();
  await s.stop();
});

const startWorker = async (id = `w${workers.length + 1}`) => {
  const x = new OutboxWorker(s.deps, id, 50);
  workers.push(x);
  await x.start();
  return x;
};
const enqueue = (orgId: string, subject: string, to = ['someone@outside.example']) =>
  s.deps.db.tx((tx) => enqueueMail(s.deps, tx, { orgId, senderId: w.alice.id, to, subject, text: `Body of ${subject}` }));
const row = async (id: string) =>
  (await s.deps.db.query<{ status: string; attempts: number; problem: string | null; smtp_response: string | null; last_error: string | null; message_id: string }>(
    'select status, attempts, problem, smtp_response, last_error, message_id from outbox where id = $1', [id])).rows[0];
const logOf = async (id: string) =>
  (await s.deps.db.query<{ event: string; problem: string | null; detail: string | null }>('select event, problem, detail from outbox_log where outbox_id = $1 order by id', [id])).rows;
const settled = (id: string) => until(async () => ['sent', 'failed'].includes((await row(id)).status) && row(id), `message ${id} settled`, 20_000);

describe('the outgoing mail queue', () => {
  it('takes internal mail to outside addresses in the same transaction and sends it through the system account', async () => {
    const sent = await alice.mail.send({ to: [{ kind: 'user', id: w.bob.id }], toAddresses: ['partner@outside.example'], ccAddresses: ['boss@outside.example'], subject: 'Contract draft', html: '<p>Please <b>review</b></p>' });
    const { rows } = await s.deps.db.query<{ id: string }>(`select id::text from outbox where subject = 'Contract draft'`);
    expect(rows).toHaveLength(1);
    await startWorker();
    const r = await settled(rows[0].id);
    expect(r).toMatchObject({ status: 'sent', attempts: 1 });
    expect(r.smtp_response).toMatch(/^250 /);
    const got = sink.received.find((m) => m.messageId === r.message_id)!;
    expect(got.to.sort()).toEqual(['boss@outside.example', 'partner@outside.example']);
    expect(got.from).toBe('noreply@corp.example');
    expect(got.raw).toMatch(/^From: "?Alice[^\r\n]*<noreply@corp\.example>/m);
    expect(got.raw).toMatch(/^Reply-To: help@corp\.example/m);
    expect(got.raw).toMatch(/^Subject: Contract draft/m);
    expect(got.raw).toContain('<b>review</b>');
    // the internal recipient got it as always, and the sender's copy lists the outside ones
    expect(sent.to.map((p) => p.name)).toContain('partner@outside.example');
    expect((await logOf(rows[0].id)).map((l) => l.event)).toEqual(['queued', 'attempt', 'sent']);
  });

  it('nothing is queued when the change that sends it fails', async () => {
    await expect(alice.mail.send({ toAddresses: ['x@outside.example'], subject: 'never', inReplyTo: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ status: 400 });
    expect((await s.deps.db.query(`select 1 from outbox where subject = 'never'`)).rows).toHaveLength(0);
  });

  for (const stage of ['connect', 'mail', 'rcpt', 'data'] as const) {
    it(`a 4xx at ${stage} defers with backoff and the next attempt goes through`, async () => {
      const { id } = await enqueue(w.org, `temp-${stage}`);
      const { message_id } = await row(id);
      let refused = 0;
      sink.script((at, ctx) => {
        // the connection stage has no message yet: refuse the first connection only
        const ours = at === 'connect' || at === 'mail' || at === 'rcpt' || ctx.messageId === message_id;
        if (at === stage && ours && refused === 0) return (refused++, { code: 451, message: `busy at ${stage}` });
        return 'accept';
      });
      await startWorker();
      const r = await settled(id);
      expect(r).toMatchObject({ status: 'sent', attempts: 2 });
      const log = await logOf(id);
      expect(log.map((l) => l.event)).toEqual(['queued', 'attempt', 'deferred', 'attempt', 'sent']);
      expect(log[2]).toMatchObject({ problem: 'TEMPORARY' });
      expect(log[2].detail).toMatch(/451/);
      // the message went out once
      expect(sink.received.filter((m) => m.messageId === message_id)).toHaveLength(1);
    });
  }

  it('a 5xx fails at once with the server answer kept, and the sender is told', async () => {
    const { id } = await enqueue(w.org, 'refused', ['nobody@refused.example']);
    sink.script((at, ctx) => (at === 'rcpt' && ctx.to === 'nobody@refused.example' ? { code: 550, message: 'No such user here' } : 'accept'));
    await startWorker();
    const r = await settled(id);
    expect(r).toMatchObject({ status: 'failed', attempts: 1, problem: 'REFUSED' });
    expect(r.last_error).toMatch(/550/);
    const told = await s.deps.db.query<{ payload: { outboxId: string; problem: string } }>(`select payload from events where type = 'outbox.failed' and $1 = any(user_ids)`, [w.alice.id]);
    expect(told.rows.map((e) => e.payload)).toContainEqual(expect.objectContaining({ outboxId: id, problem: 'REFUSED' }));
  });

  it('a connection dropped after the last line is retried and counted as a possible duplicate', async () => {
    const { id } = await enqueue(w.org, 'dropped');
    const { message_id } = await row(id);
    let dropped = 0;
    sink.script((at, ctx) => (at === 'data' && ctx.messageId === message_id && dropped++ === 0 ? 'drop' : 'accept'));
    await startWorker();
    const r = await settled(id);
    expect(r).toMatchObject({ status: 'sent', attempts: 2 });
    expect((await logOf(id)).find((l) => l.event === 'deferred')).toMatchObject({ problem: 'MAYBE_SENT' });
    // the server had it already: this is the duplicate the window allows, and it is accounted for
    expect(sink.received.filter((m) => m.messageId === message_id)).toHaveLength(2);
  });

  it('a dropped connection before the message went out is a plain connection failure (no duplicate)', async () => {
    const { id } = await enqueue(w.org, 'dropped-early');
    let dropped = 0;
    sink.script((at) => (at === 'rcpt' && dropped++ === 0 ? 'drop' : 'accept'));
    await startWorker();
    const r = await settled(id);
    expect(r.status).toBe('sent');
    expect((await logOf(id)).find((l) => l.event === 'deferred')).toMatchObject({ problem: 'CONNECTION' });
    expect(sink.received.filter((m) => m.messageId === r.message_id)).toHaveLength(1);
  });

  it('a server gone dark holds only its own places: other destinations go on', async () => {
    const hole = await startBlackHole();
    const dark = await makeOrg(s.deps, 'Dark');
    await saveSettings(s.deps, dark, { enabled: true, accountName: 'x', fromAddress: 'noreply@dark.example', displayName: 'Dark', host: '127.0.0.1', port: hole.port, security: 'none', auth: 'none', afterSend: 'archive', archiveDays: 1 });
    try {
      const stuck = await Promise.all(Array.from({ length: 8 }, (_, i) => enqueue(dark, `dark-${i}`)));
      const fine = await Promise.all(Array.from({ length: 6 }, (_, i) => enqueue(w.org, `fine-${i}`)));
      const t = Date.now();
      await startWorker();
      for (const f of fine) expect(await settled(f.id)).toMatchObject({ status: 'sent' });
      // all six through while the dark server still held its first attempts (a second each)
      expect(Date.now() - t).toBeLessThan(8 * 1000);
      const dark_ = await s.deps.db.query<{ status: string; problem: string | null }>('select status, problem from outbox where id = any($1::bigint[])', [stuck.map((x) => x.id)]);
      expect(dark_.rows.every((r) => r.status !== 'sent')).toBe(true);
      await until(async () => (await row(stuck[0].id)).problem === 'TIMEOUT', 'the dark server timed out', 10_000);
    } finally {
      await Promise.all(workers.splice(0).map((x) => x.stop()));
      await s.deps.db.query(`update outbox set status = 'cancelled' where org_id = $1 and status in ('queued', 'deferred', 'sending')`, [dark]);
      await hole.stop();
    }
  });

  it('lets at most OUTBOX_UNRECORDED_MAX messages to a server be past their last line and unrecorded; a slow server holds only itself', async () => {
    const prompt = await startSink();
    const other = await makeOrg(s.deps, 'Prompt');
    await saveSettings(s.deps, other, { enabled: true, accountName: 'x', fromAddress: 'noreply@prompt.example', displayName: 'Prompt', host: prompt.host, port: prompt.port, security: 'none', auth: 'none', afterSend: 'archive', archiveDays: 1 });
    // this server takes 100 ms to answer a message's last line
    sink.script((stage) => (stage === 'data' ? { acceptAfterMs: 100 } : 'accept'));
    const run = async (unrecordedMax: number) => {
      sink.resetPeak();
      const slow = await Promise.all(Array.from({ length: 6 }, (_, i) => enqueue(w.org, `slow-${unrecordedMax}-${i}`)));
      const quick = await Promise.all(Array.from({ length: 4 }, (_, i) => enqueue(other, `quick-${unrecordedMax}-${i}`)));
      const x = new OutboxWorker({ ...s.deps, config: { ...s.deps.config, outboxUnrecordedMax: unrecordedMax, outboxPerDestination: 4 } }, `gate-${unrecordedMax}`, 50);
      workers.push(x);
      await x.start();
      for (const m of [...slow, ...quick]) expect(await settled(m.id)).toMatchObject({ status: 'sent' });
      await x.stop();
      const { rows } = await s.deps.db.query<{ subject: string; at: Date }>('select subject, sent_at as at from outbox where id = any($1::bigint[]) order by sent_at', [[...slow, ...quick].map((m) => m.id)]);
      return { peak: sink.peakAwaiting(), last: rows.at(-1)!.subject };
    };
    try {
      const gated = await run(1);
      expect(gated.peak).toBe(1);
      // the other server's mail did not wait behind it
      expect(gated.last).toMatch(/^slow-/);
      // without the gate, the connections to it wait for their answers side by side
      expect((await run(0)).peak).toBeGreaterThan(1);
    } finally {
      await prompt.stop();
    }
  });

  it('a message whose worker died is taken by another once the lease runs out; the dead one cannot record over it', async () => {
    const { id } = await enqueue(w.org, 'orphaned');
    // a worker claims it and dies (never answers)
    const [taken] = await s.deps.db.tx((tx) => claimDue(tx, 'dead-worker', 50, 10, 1)).then((rows) => rows.filter((r) => r.id === id));
    expect(taken).toBeTruthy();
    await startWorker();
    const r = await settled(id);
    expect(r).toMatchObject({ status: 'sent', attempts: 2 });
    expect((await logOf(id)).map((l) => l.event)).toContain('lease-expired');
    // its late word is ignored
    expect(await recordSent(s.deps, taken, 'dead-worker', '250 late', [], 86400)).toBe(false);
  });

  it("keeps any server answer as it was, through the embedded database's prepared statements (values as literals)", async () => {
    const { id } = await enqueue(w.org, 'odd answer');
    const worker = `odd'worker\\"{1,2}`;
    await s.deps.db.query(`update outbox set status = 'sending', leased_by = $2, attempts = 1 where id = $1`, [id, worker]);
    const response = `250 it's "queued" as \\x41 {a,b} $1 ); drop table outbox; --`;
    const written = await recordSentBatch(s.deps, worker, [{ m: { id, attempts: 1 }, response, refused: [`o'neil@x.example`, 'a"b\\c@x.example', 'NULL'], keep: 86400 }]);
    expect([...written]).toEqual([id]);
    expect((await row(id)).smtp_response).toBe(`${response} (refused: o'neil@x.example, a"b\\c@x.example, NULL)`);
    expect((await logOf(id)).at(-1)).toMatchObject({ event: 'sent', detail: `${response} (refused: o'neil@x.example, a"b\\c@x.example, NULL)` });
  });

  it('two workers never send the same message', async () => {
    const ids = await Promise.all(Array.from({ length: 120 }, (_, i) => enqueue(w.org, `pair-${i}`)));
    await Promise.all([startWorker('pair-a'), startWorker('pair-b')]);
    await until(async () => (await s.deps.db.query<{ n: number }>(`select count(*)::int as n from outbox where id = any($1::bigint[]) and status = 'sent'`, [ids.map((x) => x.id)])).rows[0].n === ids.length, 'all sent', 30_000);
    const mids = (await s.deps.db.query<{ message_id: string }>('select message_id from outbox where id = any($1::bigint[])', [ids.map((x) => x.id)])).rows.map((r) => r.message_id);
    for (const mid of mids) expect(sink.received.filter((m) => m.messageId === mid)).toHaveLength(1);
    const attempts = await s.deps.db.query<{ n: number }>(`select count(*)::int as n from outbox where id = any($1::bigint[]) and attempts <> 1`, [ids.map((x) => x.id)]);
    expect(attempts.rows[0].n).toBe(0);
  });

  it('on a flaky server every message ends in exactly one final state', async () => {
    let n = 0;
    // about 30% of transactions fail, in mixed ways, decided by a fixed sequence
    const ways = ['accept', 'accept', { code: 421 }, 'accept', 'drop', 'accept', { code: 452 }, 'accept', 'accept', { code: 554 }] as const;
    sink.script((at) => {
      if (at !== 'rcpt' && at !== 'data') return 'accept';
      const v = ways[n++ % ways.length];
      return v as never;
    });
    const ids = (await Promise.all(Array.from({ length: 60 }, (_, i) => enqueue(w.org, `flaky-${i}`)))).map((x) => x.id);
    await startWorker();
    await until(
      async () => (await s.deps.db.query<{ n: number }>(`select count(*)::int as n from outbox where id = any($1::bigint[]) and status in ('sent', 'failed')`, [ids])).rows[0].n === ids.length,
      'all settled', 80_000,
    );
    const final = await s.deps.db.query<{ id: string; finals: number }>(
      `select outbox_id::text as id, count(*) filter (where event in ('sent', 'failed'))::int as finals from outbox_log where outbox_id = any($1::bigint[]) group by outbox_id`, [ids]);
    expect(final.rows).toHaveLength(ids.length);
    expect(final.rows.every((r) => r.finals === 1)).toBe(true);
    const failed = await s.deps.db.query<{ problem: string }>(`select problem from outbox where id = any($1::bigint[]) and status = 'failed'`, [ids]);
    expect(failed.rows.every((r) => r.problem === 'REFUSED')).toBe(true);
   }, 90_000);
});

describe('the system account and the queue, for administrators', () => {
  it('keeps the password sealed and never returns it; a person may not see or change it', async () => {
    await admin.http.call('PUT', '/api/v1/admin/system-mail', {
      enabled: true, accountName: 'Notifications', fromAddress: 'noreply@corp.example', displayName: 'Corp Mailroom', replyTo: 'help@corp.example',
      host: sink.host, port: sink.port, security: 'none', auth: 'password', login: 'noreply', password: 'very-secret-pass', afterSend: 'archive', archiveDays: 7,
    });
    const got = await admin.http.call<{ hasPassword: boolean }>('GET', '/api/v1/admin/system-mail');
    expect(got.hasPassword).toBe(true);
    expect(JSON.stringify(got)).not.toContain('very-secret');
    const raw = await s.deps.db.query<{ secret: Uint8Array }>('select secret from system_mail_settings where org_id = $1', [w.org]);
    expect(Buffer.from(raw.rows[0].secret).toString('latin1')).not.toContain('very-secret');
    await expect(alice.http.call('GET', '/api/v1/admin/system-mail')).rejects.toMatchObject({ status: 403 });
    // back to no sign-in for the sink
    await admin.http.call('PUT', '/api/v1/admin/system-mail', { ...got, fromAddress: 'noreply@corp.example', auth: 'none', dkim: null, afterSend: 'archive', archiveDays: 7, hasPassword: undefined, oauthSignedIn: undefined });
  });

  it('rejects line breaks in any header field (header injection) with 400', async () => {
    await expect(alice.mail.send({ toAddresses: ['a@outside.example'], subject: 'Hi\r\nBcc: victim@outside.example' })).rejects.toMatchObject({ status: 400 });
    await expect(admin.http.call('PUT', '/api/v1/admin/system-mail', {
      enabled: true, accountName: 'x', fromAddress: 'noreply@corp.example', displayName: 'Evil\nBcc: x@y.z', host: sink.host, port: sink.port, security: 'none', auth: 'none',
    })).rejects.toMatchObject({ status: 400, field: 'displayName' });
    await expect(s.deps.db.tx((tx) => enqueueMail(s.deps, tx, { orgId: w.org, senderId: null, to: ['a@outside.example'], subject: 'ok', fromName: 'Bob\r\nX-Evil: 1' }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(s.deps.db.tx((tx) => enqueueMail(s.deps, tx, { orgId: w.org, senderId: null, to: ['a@outside.example\r\nRCPT TO:<x@y.z>'], subject: 'ok' }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it("sends a test message with a file and shows the server's answer, or the problem in words", async () => {
    const up = await admin.mail.upload('notes.txt', new TextEncoder().encode('attached text'), 'text/plain');
    const ok = await admin.http.call<{ ok: boolean; response: string }>('POST', '/api/v1/admin/system-mail/test', { to: 'admin@outside.example', uploadId: up.uploadId });
    expect(ok).toMatchObject({ ok: true, problem: null });
    expect(ok.response).toMatch(/^250 /);
    expect(sink.received.at(-1)!.raw).toContain('notes.txt');
    sink.script((at) => (at === 'rcpt' ? { code: 550, message: 'Mailbox unavailable' } : 'accept'));
    const refused = await admin.http.call('POST', '/api/v1/admin/system-mail/test', { to: 'admin@outside.example' });
    expect(refused).toMatchObject({ ok: false, problem: 'REFUSED' });
    expect(JSON.stringify(refused)).toContain('Mailbox unavailable');
  });

  it('lists the queue by status, cancels a waiting message, retries a failed one; the log outlives deleted mail', async () => {
    const { id } = await enqueue(w.org, 'to cancel');
    const cancelled = await admin.http.call<{ status: string }>('POST', `/api/v1/admin/outbox/${id}/cancel`);
    expect(cancelled.status).toBe('cancelled');
    await expect(admin.http.call('POST', `/api/v1/admin/outbox/${id}/cancel`)).rejects.toMatchObject({ status: 409 });
    const failedPage = await admin.http.call<{ items: { id: string; status: string }[]; counts: Record<string, number> }>('GET', '/api/v1/admin/outbox?status=failed&limit=50');
    expect(failedPage.items.every((i) => i.status === 'failed')).toBe(true);
    expect(failedPage.counts.failed).toBe(failedPage.items.length);
    const again = failedPage.items[0];
    await admin.http.call('POST', `/api/v1/admin/outbox/${again.id}/retry`);
    await startWorker();
    expect(await settled(again.id)).toMatchObject({ status: 'sent' });
    // "delete after sending": the message goes, the log stays
    await s.deps.db.query(`update system_mail_settings set after_send = 'delete' where org_id = $1`, [w.org]);
    // a worker reads the system account at most every 5 s: a fresh one sees the change now
    await Promise.all(workers.splice(0).map((x) => x.stop()));
    await startWorker();
    const { id: gone } = await enqueue(w.org, 'deleted after sending');
    await until(async () => !(await row(gone)), 'deleted after sending', 10_000);
    const log = await admin.http.call<{ items: { event: string; subject: string }[] }>('GET', `/api/v1/admin/outbox/log?outboxId=${gone}`);
    expect(log.items.map((l) => l.event)).toEqual(['deleted', 'sent', 'attempt', 'queued']);
    expect(log.items[0].subject).toBe('deleted after sending');
    await s.deps.db.query(`update system_mail_settings set after_send = 'archive' where org_id = $1`, [w.org]);
    // another organisation's administrator sees none of it
    const page = await admin.http.call<{ items: unknown[] }>('GET', '/api/v1/admin/outbox?limit=200');
    expect(page.items.length).toBeGreaterThan(0);
  });

  it('signs with DKIM when a key is set, and refuses a key that is not one', async () => {
    const settings = {
      enabled: true, accountName: 'Notifications', fromAddress: 'noreply@corp.example', displayName: 'Corp Mailroom', host: sink.host, port: sink.port,
      security: 'none', auth: 'none', afterSend: 'archive', archiveDays: 7,
    };
    await expect(admin.http.call('PUT', '/api/v1/admin/system-mail', { ...settings, dkim: { domain: 'corp.example', selector: 'mr', privateKey: 'not a key' } })).rejects.toMatchObject({ status: 400, field: 'dkim' });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const saved = await admin.http.call<{ dkim: { hasKey: boolean } }>('PUT', '/api/v1/admin/system-mail', { ...settings, dkim: { domain: 'corp.example', selector: 'mr', privateKey } });
    expect(saved.dkim).toEqual({ domain: 'corp.example', selector: 'mr', hasKey: true });
    expect(JSON.stringify(saved)).not.toContain('PRIVATE KEY');
    const { id } = await enqueue(w.org, 'signed');
    await startWorker();
    const r = await settled(id);
    const got = sink.received.find((m) => m.messageId === r.message_id)!;
    expect(got.raw).toMatch(/^DKIM-Signature: v=1; a=rsa-sha256;[^]*d=corp\.example;[^]*s=mr;/m);
    await admin.http.call('PUT', '/api/v1/admin/system-mail', { ...settings, dkim: null });
  });

  it('pages the queue and the log newest first, past ten items, without skipping any', async () => {
    const ids = (await Promise.all(Array.from({ length: 12 }, (_, i) => enqueue(w.org, `page-${i}`)))).map((x) => Number(x.id));
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await admin.http.call('GET', `/api/v1/admin/outbox?status=queued&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((i) => Number(i.id)));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    for (const id of ids) expect(seen).toContain(id);
    const logSeen: number[] = [];
    cursor = null;
    for (let i = 0; i < 4; i++) {
      const page: { items: { id: string }[]; nextCursor: string | null } = await admin.http.call('GET', `/api/v1/admin/outbox/log?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      logSeen.push(...page.items.map((x) => Number(x.id)));
      cursor = page.nextCursor;
    }
    expect(logSeen).toEqual([...logSeen].sort((a, b) => b - a));
    expect(new Set(logSeen).size).toBe(20);
    await s.deps.db.query(`update outbox set status = 'cancelled' where id = any($1::bigint[])`, [ids]);
  });
});
