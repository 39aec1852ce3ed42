import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Event } from '@mailroom/contract';
import { MailroomClient, type EventStream } from '@mailroom/sdk';
import type { StoredEvent } from '../src/platform/events/index.ts';
import { startTestServer, WebSocket, type TestServer } from './harness/app.ts';
import { onPostgres } from './harness/db.ts';
import { makeUser, makeWorld, PASSWORD } from './harness/factories.ts';
import { until } from './harness/wait.ts';

let s: TestServer;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  s = await startTestServer({ eventsResumeLimit: 20 });
  w = await makeWorld(s.deps);
});
afterAll(() => s.stop());

function collect(client: MailroomClient, lastEventId?: string) {
  const got: Event[] = [];
  let resyncs = 0;
  const stream: EventStream = client.events.connect({ WebSocket: WebSocket as never, lastEventId, onEvent: (e) => e.type === 'user.updated' && got.push(e), onResync: () => resyncs++ });
  return { got, stream, resyncs: () => resyncs, open: () => until(() => stream.status === 'open', 'stream open') };
}

describe('events and the transaction', () => {
  it('are delivered after commit and never on rollback', async () => {
    const seen: StoredEvent[] = [];
    const off = s.deps.bus.subscribe((evs) => seen.push(...evs));
    let insideTx = -1;
    await s.deps.db.tx(async (tx) => {
      await s.deps.bus.emit(tx, { orgId: w.org, type: 'object.removed', payload: { type: 't', externalId: 'committed' }, userIds: [w.alice.id] });
      insideTx = seen.length;
    });
    expect(insideTx).toBe(0);
    // delivered in commit order once the transaction's NOTIFY arrives (PostgreSQL) or at once (PGlite)
    await until(() => seen.length > 0, 'the committed event');
    expect(seen.map((e) => (e.payload as { externalId: string }).externalId)).toEqual(['committed']);
    await s.deps.db
      .tx(async (tx) => {
        await s.deps.bus.emit(tx, { orgId: w.org, type: 'object.removed', payload: { type: 't', externalId: 'rolled-back' }, userIds: [w.alice.id] });
        throw new Error('change fails');
      })
      .catch(() => {});
    const { rows } = await s.deps.db.query(`select 1 from events where payload->>'externalId' = 'rolled-back'`);
    await new Promise((r) => setTimeout(r, 100));
    expect(rows).toHaveLength(0);
    expect(seen).toHaveLength(1);
    off();
  });
});

describe('the WebSocket stream', () => {
  it('delivers a change to the person it concerns and to nobody else', async () => {
    const alice = await s.signIn(w.alice.login, PASSWORD);
    const bob = await s.signIn(w.bob.login, PASSWORD);
    const a = collect(alice);
    const b = collect(bob);
    await Promise.all([a.open(), b.open()]);
    await alice.settings.update({ timeZone: 'Europe/Warsaw' });
    const ev = await until(() => a.got.find((e) => e.type === 'user.updated'), 'alice hears of her change');
    expect((ev.payload as { user: { timeZone: string } }).user.timeZone).toBe('Europe/Warsaw');
    await bob.settings.update({ language: 'ru' });
    await until(() => b.got.length === 1, 'bob hears of his change');
    expect(a.got.filter((e) => (e.payload as { user: { id: string } }).user.id === w.bob.id)).toHaveLength(0);
    a.stream.close();
    b.stream.close();
  });

  it('resumes after a dropped socket with what was missed, once each', async () => {
    const alice = await s.signIn(w.alice.login, PASSWORD);
    const a = collect(alice);
    await a.open();
    await alice.settings.update({ sendKey: 'enter' });
    await until(() => a.got.length === 1, 'first event');
    a.stream.close();
    // changes made while the socket is down
    await alice.settings.update({ sendKey: 'ctrl-enter' });
    await alice.settings.update({ language: 'pl' });
    const resumed = collect(alice, a.stream.lastEventId!);
    await resumed.open();
    await alice.settings.update({ language: 'en' });
    // events at or before the resume point may be replayed once more (late-commit window); the missed ones come in order
    const missed = () => resumed.got.filter((e) => BigInt(e.id) > BigInt(a.stream.lastEventId!));
    await until(() => missed().length >= 3, 'the two missed events and the live one');
    const ids = resumed.got.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(missed().map((e) => (e.payload as { user: { language: string; sendKey: string } }).user)).toMatchObject([
      { sendKey: 'ctrl-enter' }, { language: 'pl' }, { language: 'en' },
    ]);
    resumed.stream.close();
  });

  it('reconnects by itself and replays when the server cuts the connection', async () => {
    const bob = await s.signIn(w.bob.login, PASSWORD);
    const b = collect(bob);
    await b.open();
    for (const ws of (s.app as unknown as { websocketServer: { clients: Set<{ terminate(): void }> } }).websocketServer.clients) ws.terminate();
    await bob.settings.update({ timeZone: 'Asia/Tokyo' });
    await until(() => b.got.some((e) => (e.payload as { user: { timeZone: string } }).user.timeZone === 'Asia/Tokyo'), 'event after reconnect');
    b.stream.close();
  });

  it('tells a client that is too far behind to refetch', async () => {
    const alice = await s.signIn(w.alice.login, PASSWORD);
    const start = (await alice.events.since('0')).lastEventId;
    for (let i = 0; i < 25; i++) await alice.settings.update({ sendKey: i % 2 ? 'enter' : 'ctrl-enter' });
    const a = collect(alice, start);
    await until(() => a.resyncs() === 1, 'resync');
    expect(a.got).toHaveLength(0);
    expect(BigInt(a.stream.lastEventId!)).toBeGreaterThan(BigInt(start));
    a.stream.close();
    expect((await alice.events.since(start)).resync).toBe(true);
    expect((await alice.events.since('999999999999')).resync).toBe(true);
  });

  it('serves the same replay over HTTP for polling clients', async () => {
    const bob = await s.signIn(w.bob.login, PASSWORD);
    const { lastEventId } = await bob.events.since('0');
    await bob.settings.update({ language: 'pl' });
    const r = await bob.events.since(lastEventId);
    expect(r.resync).toBe(false);
    expect(r.events.filter((e) => BigInt(e.id) > BigInt(lastEventId)).map((e) => e.type)).toEqual(['user.updated']);
  });

  it('refuses sockets without a person, and cookie sockets from another origin', async () => {
    const url = s.url.replace('http', 'ws') + '/api/v1/events/ws';
    const code = (ws: InstanceType<typeof WebSocket>) => new Promise<number>((r) => ws.on('close', (c) => r(c)));
    expect(await code(new WebSocket(url))).toBe(4401);
    expect(await code(new WebSocket(url, { headers: { authorization: `Bearer ${w.apiKey}` } }))).toBe(4401);
    const alice = await s.signIn(w.alice.login, PASSWORD);
    expect(await code(new WebSocket(url, { headers: { cookie: alice.http.cookie!, origin: 'https://evil.example' } }))).toBe(4403);
  });

  it('closes a person’s sockets when they sign out, change their password or are deactivated', async () => {
    const u = await makeUser(s.deps, w.org);
    const closed = (c: ReturnType<typeof collect>) => until(() => c.stream.status !== 'open', 'socket closed');
    // sign out: only that session's socket closes
    const one = await s.signIn(u.login, PASSWORD);
    const two = await s.signIn(u.login, PASSWORD);
    const a = collect(one);
    const b = collect(two);
    await Promise.all([a.open(), b.open()]);
    await one.auth.logout();
    await closed(a);
    a.stream.close();
    expect(b.stream.status).toBe('open');
    // password change: every other session's socket closes
    const three = await s.signIn(u.login, PASSWORD);
    const c = collect(three);
    await c.open();
    await two.auth.changePassword(PASSWORD, 'changed-password-1');
    await closed(c);
    c.stream.close();
    await two.settings.update({ language: 'pl' });
    await until(() => b.got.length >= 1, 'the changing session keeps its socket');
    // deactivation: all of them, token sockets included
    const { token } = await s.client({ apiKey: w.apiKey }).tokens.mint({ userId: u.id });
    const t = collect(s.client({ token }));
    await t.open();
    await s.client({ apiKey: w.apiKey }).users.update(u.id, { active: false });
    await Promise.all([closed(b), closed(t)]);
    b.stream.close();
    t.stream.close();
  });

  it('does not loop on resync when every event was pruned', async () => {
    const alice = await s.signIn(w.alice.login, PASSWORD);
    await alice.settings.update({ language: 'en' });
    const { lastEventId } = await alice.events.since('0');
    await s.deps.db.query(`update events set created_at = now() - interval '30 days'`);
    const { pruneEvents } = await import('../src/platform/events/index.ts');
    await pruneEvents(s.deps.db, 7);
    const r = await alice.events.since(lastEventId);
    expect(r).toMatchObject({ resync: false, lastEventId });
    expect((await alice.events.since('1')).resync).toBe(true);
  });

  it('accepts a host-minted user token (widgets)', async () => {
    const { token } = await s.client({ apiKey: w.apiKey }).tokens.mint({ userId: w.bob.id });
    const asBob = s.client({ token });
    const b = collect(asBob);
    await b.open();
    await asBob.settings.update({ language: 'ru' });
    await until(() => b.got.length === 1, 'event over token socket');
    b.stream.close();
  });
});

describe.runIf(onPostgres())('several processes on one PostgreSQL', () => {
  let child: ChildProcess;
  let childUrl = '';
  afterAll(() => child?.kill('SIGTERM'));

  it('an event raised in process A reaches a socket connected to process B', async () => {
    const root = join(import.meta.dirname, '../..');
    child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', 'start'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: s.testDb.url!, PORT: '0', LOG_LEVEL: 'warn', SERVE_WEB: 'false', DATA_DIR: mkdtempSync(join(tmpdir(), 'mr-b-')), NODE_ID: 'process-b' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    childUrl = await until(() => out.match(/ready at (http:\S+)/)?.[1], 'process B ready', 30_000);
    const onB = new MailroomClient({ baseUrl: childUrl });
    await onB.auth.login(w.alice.login, PASSWORD);
    expect((await fetch(`${childUrl}/readyz`).then((r) => r.json())).node).toBe('process-b');
    const b = collect(onB);
    await b.open();
    const onA = await s.signIn(w.alice.login, PASSWORD);
    await onA.settings.update({ timeZone: 'America/New_York' });
    const ev = await until(() => b.got.find((e) => e.type === 'user.updated'), 'event crossed processes');
    expect((ev.payload as { user: { timeZone: string } }).user.timeZone).toBe('America/New_York');
    b.stream.close();
  });

  it('catches up on events committed while its LISTEN connection was down', async () => {
    const alice = await s.signIn(w.alice.login, PASSWORD);
    const a = collect(alice);
    await a.open();
    // process B's change arrives by NOTIFY only; cut this process's listening connection first
    const other = await startTestServer({}, { testDb: s.testDb, listen: false });
    try {
      await s.deps.db.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like 'LISTEN%' and pid <> pg_backend_pid()`);
      const { updateSettings } = await import('../src/modules/users/commands/update-settings.ts');
      await updateSettings(other.deps, { kind: 'user', userId: w.alice.id, orgId: w.org, login: w.alice.login, role: 'user', via: 'session' }, { timeZone: 'Africa/Cairo' });
      await until(() => a.got.some((e) => (e.payload as { user: { timeZone: string } }).user.timeZone === 'Africa/Cairo'), 'event after the gap', 15_000);
    } finally {
      a.stream.close();
      await other.close();
    }
  });
});
