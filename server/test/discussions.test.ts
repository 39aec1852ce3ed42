import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailroomClient } from '@mailroom/sdk';
import type { StoredEvent } from '../src/platform/events/index.ts';
import { startTestServer, WebSocket, type TestServer } from './harness/app.ts';
import { makeUser, makeWorld, PASSWORD } from './harness/factories.ts';
import { until } from './harness/wait.ts';

let s: TestServer;
let w: Awaited<ReturnType<typeof makeWorld>>;
let alice: MailroomClient;
let bob: MailroomClient;
let carol: MailroomClient;
let carolId: string;
const seen: StoredEvent[] = [];
const signals: { type: string; payload: unknown; userIds: string[] }[] = [];

interface Msg { id: string; seq: number; clientId: string; text: string; editedAt: string | null; deleted: boolean; reactions: { emoji: string; count: number; mine: boolean }[]; replyTo: { id: string } | null }
interface Disc { id: string; kind: string; title: string; titleEdited: boolean; unread: number; readSeq: number; lastSeq: number; pinned: boolean; muted: boolean; members: { id: string }[] }

beforeAll(async () => {
  s = await startTestServer();
  w = await makeWorld(s.deps);
  alice = await s.signIn(w.alice.login, PASSWORD);
  bob = await s.signIn(w.bob.login, PASSWORD);
  const c = await makeUser(s.deps, w.org, { name: 'Carol Novak' });
  carolId = c.id;
  carol = await s.signIn(c.login, PASSWORD);
  s.deps.bus.subscribe((evs) => seen.push(...evs));
  s.deps.bus.onSignal((x) => signals.push(x));
});
afterAll(() => s.stop());

const call = <T>(c: MailroomClient, method: string, path: string, body?: unknown) => c.http.call<T>(method, path, body);
const post = (c: MailroomClient, id: string, clientId: string, text: string, extra: object = {}) => call<Msg>(c, 'POST', `/api/v1/discussions/${id}/messages`, { clientId, text, ...extra });
/** Every committed event has reached the bus's subscribers (PostgreSQL delivers in NOTIFY order, a moment after commit). */
const settled = () =>
  until(async () => s.deps.bus.published >= BigInt((await s.deps.db.query<{ id: string }>('select coalesce(max(id), 0)::text as id from events')).rows[0].id), 'events delivered');
const eventsOf = (id: string, userId: string) =>
  seen.filter((e) => e.userIds.includes(userId) && JSON.stringify(e.payload).includes(id));
const app = (method: string, url: string, payload?: unknown) =>
  s.app.inject({ method: method as 'PUT', url, headers: { authorization: `Bearer ${w.apiKey}`, 'content-type': 'application/json' }, payload: payload as object });

describe('group and direct discussions', () => {
  let group: Disc;
  it('a group has the members its creator chose; others, and other organisations, get NOT_FOUND', async () => {
    group = await call<Disc>(alice, 'POST', '/api/v1/discussions', { kind: 'group', title: 'Q4 budget', memberIds: [w.bob.id] });
    expect(group.members.map((m) => m.id).sort()).toEqual([w.alice.id, w.bob.id].sort());
    expect((await call<{ items: Disc[] }>(bob, 'GET', '/api/v1/discussions')).items.map((d) => d.id)).toContain(group.id);
    await expect(call(carol, 'GET', `/api/v1/discussions/${group.id}`)).rejects.toMatchObject({ status: 404 });
    await expect(post(carol, group.id, 'x1', 'let me in')).rejects.toMatchObject({ status: 404 });
    await expect(call(alice, 'POST', '/api/v1/discussions', { kind: 'group', title: 'x', memberIds: [w.stranger.id] })).rejects.toMatchObject({ status: 400, field: 'memberIds.0' });
  });

  it('messages are numbered in one order, sent exactly once per client id, with replies, edits, deletes and reactions', async () => {
    const first = await post(alice, group.id, 'a-1', 'Привет, обсудим бюджет 😀');
    const again = await post(alice, group.id, 'a-1', 'Привет, обсудим бюджет 😀');
    expect(again.id).toBe(first.id);
    const reply = await post(bob, group.id, 'b-1', 'Yes, the budget draft is ready', { replyTo: first.id });
    expect(reply.seq).toBe(first.seq + 1);
    expect(reply.replyTo?.id).toBe(first.id);
    await settled();
    expect(eventsOf(group.id, w.bob.id).filter((e) => e.type === 'discussion.message' && (e.payload as { message: Msg }).message.clientId === 'a-1')).toHaveLength(1);
    // concurrent resends of one client id make one message
    const twice = await Promise.all([post(bob, group.id, 'b-2', 'once'), post(bob, group.id, 'b-2', 'once'), post(bob, group.id, 'b-2', 'once')]);
    expect(new Set(twice.map((m) => m.id)).size).toBe(1);
    const edited = await call<Msg>(alice, 'PATCH', `/api/v1/discussions/${group.id}/messages/${first.id}`, { text: 'Привет! Обсудим бюджет' });
    expect(edited.editedAt).not.toBeNull();
    await expect(call(bob, 'PATCH', `/api/v1/discussions/${group.id}/messages/${first.id}`, { text: 'not mine' })).rejects.toMatchObject({ status: 403 });
    await call(bob, 'PUT', `/api/v1/discussions/${group.id}/messages/${first.id}/reactions/${encodeURIComponent('👍')}`);
    await call(alice, 'PUT', `/api/v1/discussions/${group.id}/messages/${first.id}/reactions/${encodeURIComponent('👍')}`);
    await expect(call(alice, 'PUT', `/api/v1/discussions/${group.id}/messages/${first.id}/reactions/abc`)).rejects.toMatchObject({ status: 400 });
    const deleted = await call<Msg>(bob, 'DELETE', `/api/v1/discussions/${group.id}/messages/${twice[0].id}`);
    expect(deleted).toMatchObject({ deleted: true, text: '' });
    const page = await call<{ items: Msg[] }>(alice, 'GET', `/api/v1/discussions/${group.id}/messages?limit=10`);
    expect(page.items.map((m) => m.seq)).toEqual([3, 2, 1]);
    expect(page.items[2].reactions).toEqual([{ emoji: '👍', count: 2, mine: true }]);
    const after = await call<{ items: Msg[] }>(alice, 'GET', `/api/v1/discussions/${group.id}/messages?after=1`);
    expect(after.items.map((m) => m.seq)).toEqual([2, 3]);
  });

  it('counts unread per person, moves read markers forward only, and tells the others', async () => {
    const before = await call<Disc>(alice, 'GET', `/api/v1/discussions/${group.id}`);
    expect(before.unread).toBe(2);
    expect(await call(alice, 'POST', `/api/v1/discussions/${group.id}/read`, { seq: 99 })).toEqual({ readSeq: 3 });
    expect(await call(alice, 'POST', `/api/v1/discussions/${group.id}/read`, { seq: 1 })).toEqual({ readSeq: 3 });
    expect((await call<Disc>(alice, 'GET', `/api/v1/discussions/${group.id}`)).unread).toBe(0);
    await settled();
    expect(eventsOf(group.id, w.bob.id).some((e) => e.type === 'discussion.read' && (e.payload as { userId: string }).userId === w.alice.id)).toBe(true);
  });

  it('pins and mutes for oneself; the creator renames with an edited mark', async () => {
    await call(bob, 'PATCH', `/api/v1/discussions/${group.id}`, { pinned: true, muted: true });
    const other = await call<Disc>(bob, 'POST', '/api/v1/discussions', { kind: 'group', title: 'Newer', memberIds: [] });
    await post(bob, other.id, 'b-n', 'newest message');
    const list = (await call<{ items: Disc[] }>(bob, 'GET', '/api/v1/discussions')).items;
    expect(list[0]).toMatchObject({ id: group.id, pinned: true, muted: true });
    expect((await call<Disc>(alice, 'GET', `/api/v1/discussions/${group.id}`)).pinned).toBe(false);
    await expect(call(bob, 'PATCH', `/api/v1/discussions/${group.id}`, { title: 'mine now' })).rejects.toMatchObject({ status: 403 });
    expect(await call<Disc>(alice, 'PATCH', `/api/v1/discussions/${group.id}`, { title: 'Q4 budget (final)' })).toMatchObject({ title: 'Q4 budget (final)', titleEdited: true });
  });

  it('a removed member gets one last event and nothing after: messages, edits, reactions, read markers, typing', async () => {
    await call(alice, 'POST', `/api/v1/discussions/${group.id}/members`, { userIds: [carolId] });
    const hello = await post(carol, group.id, 'c-1', 'hello all');
    await call(alice, 'DELETE', `/api/v1/discussions/${group.id}/members/${w.bob.id}`);
    await settled();
    const mark = seen.length;
    const signalMark = signals.length;
    const m = await post(alice, group.id, 'a-2', 'after bob left');
    await call(alice, 'PATCH', `/api/v1/discussions/${group.id}/messages/${m.id}`, { text: 'edited after bob left' });
    await call(carol, 'PUT', `/api/v1/discussions/${group.id}/messages/${hello.id}/reactions/${encodeURIComponent('🎉')}`);
    await call(carol, 'POST', `/api/v1/discussions/${group.id}/read`, { seq: 99 });
    await call(alice, 'POST', `/api/v1/discussions/${group.id}/typing`);
    await call(alice, 'PATCH', `/api/v1/discussions/${group.id}`, { title: 'Q4 budget (no Bob)' });
    await settled();
    expect(seen.slice(mark).filter((e) => e.userIds.includes(w.bob.id))).toEqual([]);
    expect(seen.slice(mark).filter((e) => e.userIds.includes(carolId)).map((e) => e.type)).toEqual(
      expect.arrayContaining(['discussion.message', 'discussion.message.updated', 'discussion.reaction', 'discussion.read', 'discussion.updated']),
    );
    expect(signals.slice(signalMark).find((x) => x.type === 'discussion.typing')?.userIds).toEqual([carolId]);
    expect(eventsOf(group.id, w.bob.id).at(-1)?.type).toBe('discussion.removed');
    await expect(call(bob, 'GET', `/api/v1/discussions/${group.id}/messages`)).rejects.toMatchObject({ status: 404 });
    expect((await call<{ items: Disc[] }>(bob, 'GET', '/api/v1/discussions')).items.map((d) => d.id)).not.toContain(group.id);
    // leaving is one's own choice
    await call(carol, 'DELETE', `/api/v1/discussions/${group.id}/members/${carolId}`);
    await expect(call(carol, 'GET', `/api/v1/discussions/${group.id}`)).rejects.toMatchObject({ status: 404 });
  });

  it('a direct dialog is one per pair, named after the other person', async () => {
    const a = await call<Disc>(alice, 'POST', '/api/v1/discussions', { kind: 'direct', userId: carolId });
    const b = await call<Disc>(carol, 'POST', '/api/v1/discussions', { kind: 'direct', userId: w.alice.id });
    expect(b.id).toBe(a.id);
    expect(a.title).toBe('Carol Novak');
    await expect(call(bob, 'GET', `/api/v1/discussions/${a.id}`)).rejects.toMatchObject({ status: 404 });
    await expect(call(alice, 'POST', `/api/v1/discussions/${a.id}/members`, { userIds: [w.bob.id] })).rejects.toMatchObject({ status: 400 });
  });

  it('typing reaches the others over the socket as a passing signal', async () => {
    const dialog = await call<Disc>(alice, 'POST', '/api/v1/discussions', { kind: 'direct', userId: w.bob.id });
    const ws = new WebSocket(s.url.replace('http', 'ws') + '/api/v1/events/ws', { headers: { cookie: bob.http.cookie!, origin: s.url } });
    const frames: { kind: string; type?: string; payload?: { discussionId: string } }[] = [];
    ws.on('message', (b) => frames.push(JSON.parse(String(b))));
    await until(() => frames.some((f) => f.kind === 'ready'), 'socket ready');
    await call(alice, 'POST', `/api/v1/discussions/${dialog.id}/typing`);
    await until(() => frames.some((f) => f.kind === 'signal' && f.type === 'discussion.typing' && f.payload?.discussionId === dialog.id), 'typing signal');
    ws.close();
  });
});

describe('contextual discussions', () => {
  let disc: Disc;
  it('one per business object, seen by exactly those who may see the object', async () => {
    expect((await app('PUT', '/api/v1/objects/contract/c-77', { title: 'Supply contract 77', access: { mode: 'list', userIds: [w.alice.id, w.bob.id] } })).statusCode).toBe(200);
    disc = await call<Disc>(alice, 'POST', '/api/v1/objects/contract/c-77/discussion');
    expect(disc).toMatchObject({ kind: 'object', title: 'Supply contract 77' });
    expect((await call<Disc>(bob, 'POST', '/api/v1/objects/contract/c-77/discussion')).id).toBe(disc.id);
    await expect(call(carol, 'POST', '/api/v1/objects/contract/c-77/discussion')).rejects.toMatchObject({ status: 404 });
    await expect(call(carol, 'GET', `/api/v1/discussions/${disc.id}`)).rejects.toMatchObject({ status: 404 });
    await post(alice, disc.id, 'ctx-1', 'Поставка задерживается, нужен новый график', { mentions: [w.bob.id, carolId] });
    await settled();
    const mention = seen.filter((e) => e.type === 'discussion.mention' && JSON.stringify(e.payload).includes(disc.id));
    // carol may not see the object: not mentioned
    expect(mention.flatMap((e) => e.userIds)).toEqual([w.bob.id]);
    const hits = await call<{ items: { discussion: { id: string }; message: Msg }[] }>(bob, 'GET', `/api/v1/discussions/search?q=${encodeURIComponent('поставки график')}`);
    expect(hits.items.map((h) => h.discussion.id)).toContain(disc.id);
  });

  it('revoking access to the object takes it out of lists, search, requests and events', async () => {
    expect((await app('PUT', '/api/v1/objects/contract/c-77', { title: 'Supply contract 77', access: { mode: 'list', userIds: [w.alice.id] } })).statusCode).toBe(200);
    await settled();
    const mark = seen.length;
    await post(alice, disc.id, 'ctx-2', 'поставка: новый график готов');
    await settled();
    expect(seen.slice(mark).filter((e) => e.userIds.includes(w.bob.id))).toEqual([]);
    expect((await call<{ items: Disc[] }>(bob, 'GET', '/api/v1/discussions')).items.map((d) => d.id)).not.toContain(disc.id);
    expect((await call<{ items: unknown[] }>(bob, 'GET', `/api/v1/discussions/search?q=${encodeURIComponent('график')}`)).items).toEqual([]);
    await expect(call(bob, 'GET', `/api/v1/discussions/${disc.id}/messages`)).rejects.toMatchObject({ status: 404 });
    await expect(post(bob, disc.id, 'b-ctx', 'still here?')).rejects.toMatchObject({ status: 404 });
  });

  it('files follow the administrator limits: off, too large, type not allowed', async () => {
    const up = await alice.mail.upload('plan.pdf', new TextEncoder().encode('%PDF-1.4 plan'), 'application/pdf');
    const withFile = await post(alice, disc.id, 'ctx-f1', 'the plan', { uploadIds: [up.uploadId] });
    expect((withFile as unknown as { files: { filename: string }[] }).files.map((f) => f.filename)).toEqual(['plan.pdf']);
    const res = await fetch(`${s.url}/api/v1/discussions/${disc.id}/messages/${withFile.id}/files/0`, { headers: { cookie: alice.http.cookie! } });
    expect(await res.text()).toBe('%PDF-1.4 plan');
    expect((await fetch(`${s.url}/api/v1/discussions/${disc.id}/messages/${withFile.id}/files/0`, { headers: { cookie: bob.http.cookie! } })).status).toBe(404);
    await s.deps.db.query(`insert into discussion_settings (org_id, files_enabled, max_file_bytes, allowed_types) values ($1, true, 5, '{image/*}')`, [w.org]);
    await expect(post(alice, disc.id, 'ctx-f2', 'big', { uploadIds: [up.uploadId] })).rejects.toMatchObject({ status: 400, field: 'uploadIds.0' });
    await s.deps.db.query(`update discussion_settings set max_file_bytes = 1000000 where org_id = $1`, [w.org]);
    await expect(post(alice, disc.id, 'ctx-f3', 'pdf', { uploadIds: [up.uploadId] })).rejects.toMatchObject({ status: 400, field: 'uploadIds.0' });
    await s.deps.db.query(`update discussion_settings set files_enabled = false where org_id = $1`, [w.org]);
    await expect(post(alice, disc.id, 'ctx-f4', 'off', { uploadIds: [up.uploadId] })).rejects.toMatchObject({ status: 400, field: 'uploadIds' });
    await s.deps.db.query(`delete from discussion_settings where org_id = $1`, [w.org]);
  });
});
