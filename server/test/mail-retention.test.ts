import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailroomClient } from '@mailroom/sdk';
import { runMailRetention } from '../src/modules/mail/commands/run-retention.ts';
import { startTestServer, type TestServer } from './harness/app.ts';
import { makeUser, makeWorld, PASSWORD } from './harness/factories.ts';

let s: TestServer;
let w: Awaited<ReturnType<typeof makeWorld>>;
let alice: MailroomClient;

beforeAll(async () => {
  s = await startTestServer({ workers: false });
  w = await makeWorld(s.deps);
  alice = await s.signIn(w.alice.login, PASSWORD);
});
afterAll(() => s.stop());

const DAY = 86400_000;
const user = (id: string) => ({ kind: 'user' as const, id });
const folderOf = async (c: MailroomClient, role: string) => (await c.mail.folders()).items.find((f) => f.role === role)!;
const listOf = async (c: MailroomClient, role: string) => (await c.mail.list((await folderOf(c, role)).id)).items;

describe('retention', () => {
  it('expires unread mail after the set days (injected clock), keeps what was read, and tells the sender who never read it', async () => {
    const reader = await makeUser(s.deps, w.org, { name: 'Rita Reader' });
    const idle = await makeUser(s.deps, w.org, { name: 'Ivan Idle' });
    const readerC = await s.signIn(reader.login, PASSWORD);
    const idleC = await s.signIn(idle.login, PASSWORD);
    const sent = await alice.mail.send({ to: [user(reader.id), user(idle.id)], subject: 'Weekly report' });
    const atReader = (await listOf(readerC, 'inbox')).find((e) => e.messageId === sent.messageId)!;
    await readerC.mail.update(atReader.id, { seen: true });
    expect(await runMailRetention(s.deps, new Date(Date.now() + 6 * DAY))).toMatchObject({ expired: 0 });
    expect(await runMailRetention(s.deps, new Date(Date.now() + 8 * DAY))).toMatchObject({ expired: 1 });
    expect((await listOf(idleC, 'inbox')).some((e) => e.messageId === sent.messageId)).toBe(false);
    expect((await listOf(readerC, 'inbox')).some((e) => e.messageId === sent.messageId)).toBe(true);
    // the sender stops waiting for a reader who never will
    expect((await listOf(alice, 'sent')).find((e) => e.messageId === sent.messageId)!.unreadBy).toBe(0);
    const d = await alice.mail.deliveries(sent.id);
    expect(d.items.find((i) => i.name === 'Ivan Idle')).toMatchObject({ readAt: null, expiredAt: expect.any(String) });
    const note = (await listOf(alice, 'inbox')).find((e) => e.subject === 'Expired unread: Weekly report')!;
    expect(note.sender.name).toBe('Mailroom');
    expect((await alice.mail.get(note.id)).text).toBe('Your message “Weekly report” expired unread by: Ivan Idle.');
    // a second run at the same time finds nothing more
    expect(await runMailRetention(s.deps, new Date(Date.now() + 8 * DAY))).toMatchObject({ expired: 0 });
  });

  it('purges Trash after the set days and leaves mailboxes on legal hold untouched', async () => {
    const held = await makeUser(s.deps, w.org);
    const free = await makeUser(s.deps, w.org);
    const heldC = await s.signIn(held.login, PASSWORD);
    const freeC = await s.signIn(free.login, PASSWORD);
    const admin = await s.signIn(w.admin.login, PASSWORD);
    await admin.mail.setHold(held.id, true);
    expect(await admin.mail.hold(held.id)).toEqual({ userId: held.id, hold: true });
    expect((await admin.mail.hold(free.id)).hold).toBe(false);
    await expect(alice.http.call('PUT', `/api/v1/mail/holds/${free.id}`, { hold: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(admin.http.call('PUT', `/api/v1/mail/holds/${w.stranger.id}`, { hold: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const m = await alice.mail.send({ to: [user(held.id), user(free.id)], subject: 'Keep?' });
    for (const c of [heldC, freeC]) {
      const e = (await listOf(c, 'inbox')).find((x) => x.messageId === m.messageId)!;
      await c.mail.update(e.id, { seen: true });
      await c.mail.remove([e.id]);
    }
    const unreadForHeld = await alice.mail.send({ to: [user(held.id)], subject: 'Unread but held' });
    const r = await runMailRetention(s.deps, new Date(Date.now() + 40 * DAY));
    expect(r.purged).toBeGreaterThanOrEqual(1);
    expect((await listOf(freeC, 'trash')).some((e) => e.messageId === m.messageId)).toBe(false);
    expect((await listOf(heldC, 'trash')).some((e) => e.messageId === m.messageId)).toBe(true);
    expect((await listOf(heldC, 'inbox')).some((e) => e.messageId === unreadForHeld.messageId)).toBe(true);
    await admin.http.call('PUT', `/api/v1/mail/holds/${held.id}`, { hold: false });
    await runMailRetention(s.deps, new Date(Date.now() + 40 * DAY));
    expect((await listOf(heldC, 'trash')).some((e) => e.messageId === m.messageId)).toBe(false);
  });
});
