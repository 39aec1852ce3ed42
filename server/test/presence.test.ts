import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStream, MailroomClient, Signal } from '@mailroom/sdk';
import { startTestServer, WebSocket, type TestServer } from './harness/app.ts';
import { makeUser, makeWorld, PASSWORD } from './harness/factories.ts';
import { until } from './harness/wait.ts';

let s: TestServer;
let w: Awaited<ReturnType<typeof makeWorld>>;
let alice: MailroomClient;
let bob: MailroomClient;
const signals: { type: string; payload: { userId: string; status: string }; userIds: string[] }[] = [];

beforeAll(async () => {
  s = await startTestServer();
  w = await makeWorld(s.deps);
  alice = await s.signIn(w.alice.login, PASSWORD);
  bob = await s.signIn(w.bob.login, PASSWORD);
  s.deps.bus.onSignal((x) => signals.push(x as never));
});
afterAll(() => s.stop());

const statusOf = async (c: MailroomClient, userId: string) =>
  (await c.http.call<{ items: { userId: string; status: string }[] }>('GET', `/api/v1/presence?userIds=${userId}`)).items[0]?.status;
const socket = (c: MailroomClient) => {
  const ws = new WebSocket(s.url.replace('http', 'ws') + '/api/v1/events/ws', { headers: { cookie: c.http.cookie!, origin: s.url } });
  return new Promise<InstanceType<typeof WebSocket>>((resolve) => ws.on('message', (b) => JSON.parse(String(b)).kind === 'ready' && resolve(ws)));
};

describe('presence', () => {
  it('is offline without a socket, the chosen status with one, and tells contacts when it changes', async () => {
    await alice.http.call('POST', '/api/v1/discussions', { kind: 'direct', userId: w.bob.id });
    expect(await statusOf(bob, w.alice.id)).toBe('offline');
    const ws = await socket(alice);
    await until(async () => (await statusOf(bob, w.alice.id)) === 'available', 'alice online');
    // signals go out once the change's NOTIFY comes back (commit order), a moment after the write
    await until(() => signals.some((x) => x.type === 'presence.changed' && x.payload.userId === w.alice.id && x.payload.status === 'available' && x.userIds.includes(w.bob.id)), 'bob told');
    const mine = await alice.http.call<{ status: string; awayMinutes: number }>('PUT', '/api/v1/presence/me', { status: 'dnd', awayMinutes: 5 });
    expect(mine).toMatchObject({ status: 'dnd', awayMinutes: 5 });
    expect(await statusOf(bob, w.alice.id)).toBe('dnd');
    await until(() => signals.some((x) => x.type === 'presence.changed' && x.payload.userId === w.alice.id && x.payload.status === 'dnd'), 'dnd told');
    // away after inactivity is the client's call; the server keeps the setting
    await alice.http.call('PUT', '/api/v1/presence/me', { status: 'away' });
    expect(await statusOf(bob, w.alice.id)).toBe('away');
    ws.close();
    await until(async () => (await statusOf(bob, w.alice.id)) === 'offline', 'alice offline');
    // people of another organisation are not found
    expect(await statusOf(bob, w.stranger.id)).toBeUndefined();
    await expect(bob.http.call('PUT', '/api/v1/presence/me', { status: 'invisible' })).rejects.toMatchObject({ status: 400 });
  });

  it('ends offline after sockets opened and cut at once, and online while one stays', async () => {
    // the first socket's "online" write and its closing's "offline" write race unless they are kept in order
    for (let i = 0; i < 8; i++) (await socket(bob)).terminate();
    await until(() => !s.deps.hub.isOnline(w.bob.id), 'bob has no socket');
    await until(async () => (await statusOf(alice, w.bob.id)) === 'offline', 'bob offline');
    await new Promise((r) => setTimeout(r, 300));
    expect(await statusOf(alice, w.bob.id)).toBe('offline');
    const kept = await socket(bob);
    for (let i = 0; i < 4; i++) (await socket(bob)).terminate();
    await until(async () => (await statusOf(alice, w.bob.id)) === 'available', 'bob online');
    await new Promise((r) => setTimeout(r, 300));
    expect(await statusOf(alice, w.bob.id)).toBe('available');
    kept.close();
  });
});

/** An SDK event stream that records presence signals and the server's answers to `watch`. */
function stream(c: MailroomClient) {
  const heard: { userId: string; status: string }[] = [];
  const watching: number[] = [];
  const es: EventStream = c.events.connect({
    WebSocket: WebSocket as never,
    onSignal: (x: Signal) => x.type === 'presence.changed' && heard.push(x.payload as never),
    onWatching: (n) => watching.push(n),
  });
  const open = () => until(() => es.status === 'open', 'stream open');
  /** Watches and waits for the server's answer. */
  const watch = async (ids: string[], expected: number) => {
    const before = watching.length;
    es.watch(ids);
    await until(() => watching.length > before && watching.at(-1) === expected, `watching ${expected}`);
  };
  const about = (userId: string) => heard.filter((h) => h.userId === userId).map((h) => h.status);
  return { es, heard, watching, open, watch, about };
}

describe('watching presence beyond contacts', () => {
  it('reaches a socket that watches the person, only within the organisation, until it stops', async () => {
    const carolU = await makeUser(s.deps, w.org);
    const daveU = await makeUser(s.deps, w.org);
    const [carol, dave, control, stranger] = await Promise.all([
      s.signIn(carolU.login, PASSWORD), s.signIn(daveU.login, PASSWORD), s.signIn(w.bob.login, PASSWORD), s.signIn(w.stranger.login, PASSWORD),
    ]);
    const c = stream(carol);
    const b = stream(control); // a second watcher: when it has heard something, Carol would have too
    const x = stream(stranger);
    await Promise.all([c.open(), b.open(), x.open()]);
    // Carol and Dave share no discussion; the stranger's id (another organisation) is dropped
    await c.watch([daveU.id, w.stranger.id, daveU.id], 1);
    await b.watch([daveU.id], 1);
    await x.watch([daveU.id], 0);
    // the answer tells the newly watched people's presence now
    expect(c.heard).toEqual([{ userId: daveU.id, status: 'offline' }]);

    const d = stream(dave);
    await d.open();
    await until(() => c.about(daveU.id).includes('available'), 'Carol hears Dave come online');
    await dave.presence.set({ status: 'dnd' });
    await until(() => c.about(daveU.id).at(-1) === 'dnd', 'Carol hears do not disturb');
    expect(x.heard).toEqual([]);

    // after a reconnect the stream watches the same people again by itself
    const answers = c.watching.length;
    c.es.reconnect();
    await until(() => c.watching.length > answers && c.watching.at(-1) === 1, 'watch sent again after reconnect');
    await dave.presence.set({ status: 'away' });
    await until(() => c.about(daveU.id).at(-1) === 'away', 'heard after reconnect');

    // replaced by another list: nothing more about Dave
    await c.watch([w.alice.id], 1);
    const heard = c.about(daveU.id).length;
    await dave.presence.set({ status: 'available' });
    await until(() => b.about(daveU.id).at(-1) === 'available', 'the control watcher heard it');
    expect(c.about(daveU.id)).toHaveLength(heard);
    // an empty list stops watching
    await c.watch([], 0);
    d.es.close();
    await until(() => b.about(daveU.id).at(-1) === 'offline', 'Dave went offline');
    expect(c.about(daveU.id)).toHaveLength(heard);
    expect(x.heard).toEqual([]);

    // a frame it cannot read changes nothing and keeps the socket
    const raw = new WebSocket(s.url.replace('http', 'ws') + '/api/v1/events/ws', { headers: { cookie: carol.http.cookie!, origin: s.url } });
    const frames: { kind: string }[] = [];
    raw.on('message', (m) => frames.push(JSON.parse(String(m))));
    await until(() => frames.some((f) => f.kind === 'ready'), 'raw socket ready');
    raw.send('not json');
    raw.send(JSON.stringify({ kind: 'watch', userIds: Array.from({ length: 501 }, () => daveU.id) }));
    raw.send(JSON.stringify({ kind: 'watch', userIds: ['not-an-id'] }));
    raw.send(JSON.stringify({ kind: 'watch', userIds: [daveU.id] }));
    await until(() => frames.some((f) => f.kind === 'watching'), 'the valid frame answered');
    expect(frames.filter((f) => f.kind === 'watching')).toEqual([{ kind: 'watching', count: 1, presence: [{ userId: daveU.id, status: 'offline' }] }]);
    raw.close();

    // sockets gone: nobody watched is left behind
    for (const t of [c, b, x]) t.es.close();
    await until(() => s.deps.hub.watchedPeople === 0, 'watch sets dropped with their sockets');
  });

  it('crosses processes: a change made through another server reaches the watcher', async () => {
    const other = await startTestServer({}, { testDb: s.testDb });
    try {
      const eveU = await makeUser(s.deps, w.org);
      const frankU = await makeUser(s.deps, w.org);
      const eve = await s.signIn(eveU.login, PASSWORD);
      const frank = await other.signIn(frankU.login, PASSWORD);
      const e = stream(eve);
      await e.open();
      await e.watch([frankU.id], 1);
      const f = stream(frank); // Frank's socket is on the other server
      await f.open();
      await until(() => e.about(frankU.id).includes('available'), 'online, heard in the other process', 15_000);
      await frank.presence.set({ status: 'dnd' });
      await until(() => e.about(frankU.id).at(-1) === 'dnd', 'dnd, heard in the other process', 15_000);
      e.es.close();
      f.es.close();
    } finally {
      await other.stop();
    }
  });
});
