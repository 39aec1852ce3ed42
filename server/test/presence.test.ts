import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailroomClient } from '@mailroom/sdk';
import { startTestServer, WebSocket, type TestServer } from './harness/app.ts';
import { makeWorld, PASSWORD } from './harness/factories.ts';
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
    expect(signals.some((x) => x.type === 'presence.changed' && x.payload.userId === w.alice.id && x.payload.status === 'available' && x.userIds.includes(w.bob.id))).toBe(true);
    const mine = await alice.http.call<{ status: string; awayMinutes: number }>('PUT', '/api/v1/presence/me', { status: 'dnd', awayMinutes: 5 });
    expect(mine).toMatchObject({ status: 'dnd', awayMinutes: 5 });
    expect(await statusOf(bob, w.alice.id)).toBe('dnd');
    expect(signals.at(-1)).toMatchObject({ type: 'presence.changed', payload: { userId: w.alice.id, status: 'dnd' } });
    // away after inactivity is the client's call; the server keeps the setting
    await alice.http.call('PUT', '/api/v1/presence/me', { status: 'away' });
    expect(await statusOf(bob, w.alice.id)).toBe('away');
    ws.close();
    await until(async () => (await statusOf(bob, w.alice.id)) === 'offline', 'alice offline');
    // people of another organisation are not found
    expect(await statusOf(bob, w.stranger.id)).toBeUndefined();
    await expect(bob.http.call('PUT', '/api/v1/presence/me', { status: 'invisible' })).rejects.toMatchObject({ status: 400 });
  });
});
