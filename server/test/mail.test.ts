import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailFolder, MailMessage } from '@mailroom/contract';
import type { MailroomClient } from '@mailroom/sdk';
import { startTestServer, type TestServer } from './harness/app.ts';
import { makeDepartment, makeUser, makeWorld, PASSWORD } from './harness/factories.ts';

let s: TestServer;
let w: Awaited<ReturnType<typeof makeWorld>>;
let alice: MailroomClient;
let bob: MailroomClient;

beforeAll(async () => {
  s = await startTestServer();
  w = await makeWorld(s.deps);
  alice = await s.signIn(w.alice.login, PASSWORD);
  bob = await s.signIn(w.bob.login, PASSWORD);
});
afterAll(() => s.stop());

/** The mail API through the SDK's transport (the typed methods come with the mail screen). */
const api = <T>(c: MailroomClient, method: string, path: string, body?: unknown, query?: Record<string, unknown>) => c.http.call<T>(method, `/api/v1/mail${path}`, body, query);
const folders = async (c: MailroomClient) => (await api<{ items: MailFolder[] }>(c, 'GET', '/folders')).items;
const folder = async (c: MailroomClient, role: string) => (await folders(c)).find((f) => f.role === role)!;
const list = async (c: MailroomClient, role: string) => (await api<{ items: MailMessage[] }>(c, 'GET', `/folders/${(await folder(c, role)).id}/messages`)).items;
const send = (c: MailroomClient, body: object) => api<MailMessage>(c, 'POST', '/messages', body);
const user = (id: string) => ({ kind: 'user', id });

describe('mailboxes', () => {
  it('have Inbox, Drafts, Sent, Archive and Trash from the start', async () => {
    expect((await folders(alice)).map((f) => f.role)).toEqual(['inbox', 'drafts', 'sent', 'archive', 'trash']);
  });

  it('take folders of one’s own, nested, renamed, and deleted with their mail going to Trash', async () => {
    const top = await api<MailFolder>(alice, 'POST', '/folders', { name: 'Projects' });
    const sub = await api<MailFolder>(alice, 'POST', '/folders', { name: 'Bridge', parentId: top.id });
    await api(alice, 'PATCH', `/folders/${sub.id}`, { name: 'Bridge 2026' });
    await expect(api(alice, 'PATCH', `/folders/${top.id}`, { parentId: sub.id })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'parentId' });
    await expect(api(alice, 'PATCH', `/folders/${(await folder(alice, 'inbox')).id}`, { name: 'Mine' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const m = await send(bob, { to: [user(w.alice.id)], subject: 'To file' });
    const entry = (await list(alice, 'inbox')).find((e) => e.messageId === m.messageId)!;
    await api(alice, 'POST', '/entries/move', { entryIds: [entry.id], folderId: sub.id });
    await api(alice, 'DELETE', `/folders/${top.id}`);
    expect((await list(alice, 'trash')).map((e) => e.messageId)).toContain(m.messageId);
    expect((await folders(alice)).some((f) => f.id === sub.id)).toBe(false);
  });
});

describe('sending', () => {
  it('delivers to people, groups and departments, expanded once each and recorded', async () => {
    const dept = await makeDepartment(s.deps, w.org, 'Legal');
    const inner = await makeDepartment(s.deps, w.org, 'Contracts', dept);
    const lawyer = await makeUser(s.deps, w.org, { departmentId: inner });
    const group = await s.client({ apiKey: w.apiKey }).groups.create({ name: 'Board', memberIds: [w.bob.id, lawyer.id] });
    const m = await send(alice, { to: [{ kind: 'group', id: group.id }], cc: [{ kind: 'department', id: dept }, user(w.bob.id)], subject: 'Budget', html: '<p>Numbers</p>' });
    expect(m.to.map((p) => p.name)).toEqual(['Board']);
    const d = await api<{ items: { userId: string; role: string; via: string | null }[] }>(alice, 'GET', `/entries/${m.id}/deliveries`);
    // bob named in cc but reached as "to" through the group: the stronger role wins, each person once
    expect(d.items.map((i) => [i.userId, i.role]).sort()).toEqual([[w.bob.id, 'to'], [lawyer.id, 'to']].sort());
    const lawyerClient = await s.signIn(lawyer.login, PASSWORD);
    expect((await list(lawyerClient, 'inbox')).map((e) => e.subject)).toEqual(['Budget']);
    const { rows } = await s.deps.db.query<{ expansion: { name: string; userIds: string[] }[] }>('select expansion from mail_messages where id = $1', [m.messageId]);
    expect(rows[0].expansion.map((x) => [x.name, x.userIds.length])).toEqual([['Board', 2], ['Legal', 1]]);
  });

  it('keeps Bcc from every other recipient', async () => {
    const carol = await makeUser(s.deps, w.org, { name: 'Carol Hidden' });
    const m = await send(alice, { to: [user(w.bob.id)], bcc: [user(carol.id)], subject: 'Quiet copy' });
    expect(m.bcc.map((p) => p.id)).toEqual([carol.id]);
    const atBob = (await list(bob, 'inbox')).find((e) => e.messageId === m.messageId)!;
    const full = await api<MailMessage>(bob, 'GET', `/entries/${atBob.id}`);
    expect(full.bcc).toEqual([]);
    expect(JSON.stringify(full)).not.toContain(carol.id);
    expect(JSON.stringify(await api(bob, 'GET', `/entries/${atBob.id}/thread`))).not.toContain(carol.id);
    const carolClient = await s.signIn(carol.login, PASSWORD);
    const atCarol = (await list(carolClient, 'inbox')).find((e) => e.messageId === m.messageId)!;
    expect((await api<MailMessage>(carolClient, 'GET', `/entries/${atCarol.id}`)).bcc).toEqual([]);
    await expect(api(bob, 'GET', `/entries/${atBob.id}/deliveries`)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('stores the body once however many recipients there are, and makes it safe', async () => {
    const people = await Promise.all(Array.from({ length: 5 }, () => makeUser(s.deps, w.org)));
    const m = await send(alice, { to: people.map((p) => user(p.id)), subject: 'Safe', html: '<p onclick="x()">Hi<script>alert(1)</script><img src="http://evil/x.png"><a href="javascript:alert(1)">l</a></p>' });
    const { rows } = await s.deps.db.query<{ n: number }>('select count(*)::int as n from mail_messages where id = $1', [m.messageId]);
    expect(rows[0].n).toBe(1);
    const entries = await s.deps.db.query<{ n: number }>('select count(*)::int as n from mail_entries where message_id = $1', [m.messageId]);
    expect(entries.rows[0].n).toBe(6);
    expect(m.html).not.toMatch(/script|onclick|javascript:|http:\/\/evil/);
    expect(m.text).toBe('Hil');
  });

  it('refuses unknown and foreign recipients, naming the field, and an empty list', async () => {
    await expect(send(alice, { to: [user(w.bob.id), user(w.stranger.id)] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'to.1' });
    await expect(send(alice, { cc: [{ kind: 'group', id: crypto.randomUUID() }] })).rejects.toMatchObject({ field: 'cc.0' });
    await expect(send(alice, { subject: 'nobody' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'to' });
    await expect(send(alice, { to: [user(w.bob.id)], subject: 'line\r\nBcc: x@evil' })).rejects.toMatchObject({ field: 'subject' });
  });

  it('tells recipients at once, with the importance', async () => {
    const { lastEventId } = await bob.events.since('0');
    await send(alice, { to: [user(w.bob.id)], subject: 'Urgent', importance: 'high' });
    const evs = (await bob.events.since(lastEventId)).events.filter((e) => e.type === 'mail.received');
    expect(evs.at(-1)!.payload).toMatchObject({ subject: 'Urgent', importance: 'high', sender: { id: w.alice.id } });
  });
});

describe('read tracking', () => {
  it('shows the sender who has read it, keeps Sent bold until everyone has, and tells the sender', async () => {
    const carol = await makeUser(s.deps, w.org, { name: 'Carol Reader' });
    const carolClient = await s.signIn(carol.login, PASSWORD);
    const m = await send(alice, { to: [user(w.bob.id), user(carol.id)], subject: 'Read me' });
    const sent = () => list(alice, 'sent').then((l) => l.find((e) => e.messageId === m.messageId)!);
    expect((await sent()).unreadBy).toBe(2);
    const awaiting = async () => (await folder(alice, 'sent')).awaitingRead;
    const before = await awaiting();
    const { lastEventId } = await alice.events.since('0');
    const atBob = (await list(bob, 'inbox')).find((e) => e.messageId === m.messageId)!;
    expect((await folder(bob, 'inbox')).unread).toBeGreaterThan(0);
    await api(bob, 'PATCH', `/entries/${atBob.id}`, { seen: true });
    await api(bob, 'PATCH', `/entries/${atBob.id}`, { seen: false }); // unread again: the read time stays
    const d = await api<{ items: { name: string; readAt: string | null }[]; notYetReadBy: string[] }>(alice, 'GET', `/entries/${m.id}/deliveries`);
    expect(d.items.find((i) => i.name === w.bob.name)!.readAt).not.toBeNull();
    expect(d.notYetReadBy).toEqual(['Carol Reader']);
    expect((await sent()).unreadBy).toBe(1);
    const read = (await alice.events.since(lastEventId)).events.filter((e) => e.type === 'mail.read');
    expect(read.map((e) => (e.payload as { userId: string }).userId)).toEqual([w.bob.id]);
    const atCarol = (await list(carolClient, 'inbox')).find((e) => e.messageId === m.messageId)!;
    await api(carolClient, 'PATCH', `/entries/${atCarol.id}`, { seen: true });
    expect((await sent()).unreadBy).toBe(0);
    expect(await awaiting()).toBe(before - 1);
  });
});

describe('folders of a mailbox', () => {
  it('move, copy, flag, delete to Trash, restore and empty Trash', async () => {
    const m = await send(alice, { to: [user(w.bob.id)], subject: 'Shuffle' });
    const e = (await list(bob, 'inbox')).find((x) => x.messageId === m.messageId)!;
    const archive = await folder(bob, 'archive');
    await api(bob, 'PATCH', `/entries/${e.id}`, { flagged: true });
    const copies = await api<{ entryIds: string[] }>(bob, 'POST', '/entries/copy', { entryIds: [e.id], folderId: archive.id });
    expect((await list(bob, 'archive')).filter((x) => x.messageId === m.messageId)).toHaveLength(1);
    await api(bob, 'POST', '/entries/delete', { entryIds: [e.id] });
    expect((await list(bob, 'trash')).some((x) => x.id === e.id && x.flagged)).toBe(true);
    await api(bob, 'POST', '/entries/move', { entryIds: [e.id], folderId: (await folder(bob, 'inbox')).id });
    expect((await list(bob, 'inbox')).some((x) => x.id === e.id)).toBe(true);
    await api(bob, 'POST', '/entries/delete', { entryIds: copies.entryIds });
    await api(bob, 'POST', '/trash/empty');
    expect(await list(bob, 'trash')).toEqual([]);
    // the message is still there for its sender
    expect((await list(alice, 'sent')).some((x) => x.messageId === m.messageId)).toBe(true);
  });

  it('page newest first', async () => {
    const dave = await makeUser(s.deps, w.org);
    const daveClient = await s.signIn(dave.login, PASSWORD);
    for (let i = 0; i < 7; i++) await send(alice, { to: [user(dave.id)], subject: `n${i}` });
    const inbox = await folder(daveClient, 'inbox');
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const p = await api<{ items: MailMessage[]; nextCursor: string | null }>(daveClient, 'GET', `/folders/${inbox.id}/messages`, undefined, { limit: 3, cursor });
      seen.push(...p.items.map((x) => x.subject));
      cursor = p.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['n6', 'n5', 'n4', 'n3', 'n2', 'n1', 'n0']);
  });
});

describe('drafts, replies and threads', () => {
  it('saves a draft nobody sees, sends it later, and a reply joins the thread', async () => {
    const draft = await api<MailMessage>(alice, 'POST', '/drafts', { to: [user(w.bob.id)], subject: 'Plan', html: '<p>v1</p>' });
    expect(draft.isDraft).toBe(true);
    await api(alice, 'POST', '/drafts', { draftId: draft.id, to: [user(w.bob.id)], subject: 'Plan', html: '<p>v2</p>' });
    expect((await list(bob, 'inbox')).some((e) => e.messageId === draft.messageId)).toBe(false);
    const sent = await send(alice, { draftId: draft.id, to: [user(w.bob.id)], subject: 'Plan', html: '<p>v3</p>' });
    expect(sent).toMatchObject({ id: draft.id, isDraft: false, html: '<p>v3</p>' });
    expect((await list(alice, 'drafts')).some((e) => e.id === draft.id)).toBe(false);
    await expect(send(alice, { draftId: draft.id, to: [user(w.bob.id)] })).rejects.toMatchObject({ field: 'draftId' });
    const atBob = (await list(bob, 'inbox')).find((e) => e.messageId === draft.messageId)!;
    const reply = await send(bob, { to: [user(w.alice.id)], subject: 'Re: Plan', inReplyTo: draft.messageId });
    expect(reply.threadId).toBe(atBob.threadId);
    const thread = await api<{ items: MailMessage[] }>(alice, 'GET', `/entries/${sent.id}/thread`);
    expect(thread.items.map((m) => m.subject)).toEqual(['Plan', 'Re: Plan']);
    // replying to a message one does not have is refused
    const carol = await makeUser(s.deps, w.org);
    await expect(send(await s.signIn(carol.login, PASSWORD), { to: [user(w.bob.id)], inReplyTo: draft.messageId })).rejects.toMatchObject({ field: 'inReplyTo' });
  });
});

describe('privacy', () => {
  it('never lets anyone read, move, flag, copy or delete another person’s mail', async () => {
    const m = await send(alice, { to: [user(w.bob.id)], subject: 'Private' });
    const atBob = (await list(bob, 'inbox')).find((e) => e.messageId === m.messageId)!;
    const carol = await s.signIn((await makeUser(s.deps, w.org)).login, PASSWORD);
    const carolInbox = await folder(carol, 'inbox');
    for (const [method, path, body] of [
      ['GET', `/entries/${atBob.id}`, undefined],
      ['GET', `/entries/${atBob.id}/thread`, undefined],
      ['GET', `/entries/${m.id}/deliveries`, undefined],
      ['PATCH', `/entries/${atBob.id}`, { seen: true }],
      ['POST', '/entries/move', { entryIds: [atBob.id], folderId: carolInbox.id }],
      ['POST', '/entries/copy', { entryIds: [atBob.id], folderId: carolInbox.id }],
      ['POST', '/entries/delete', { entryIds: [atBob.id] }],
      ['GET', `/folders/${(await folder(bob, 'inbox')).id}/messages`, undefined],
    ] as const)
      await expect(api(carol, method, path, body), `${method} ${path}`).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // and a foreign folder as a target is a bad field
    await expect(api(bob, 'POST', '/entries/move', { entryIds: [atBob.id], folderId: carolInbox.id })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'folderId' });
    expect((await api<MailMessage>(bob, 'GET', `/entries/${atBob.id}`)).seen).toBe(false);
  });
});
