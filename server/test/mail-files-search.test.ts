import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailroomClient } from '@mailroom/sdk';
import { startTestServer, type TestServer } from './harness/app.ts';
import { makeDepartment, makeUser, makeWorld, PASSWORD } from './harness/factories.ts';

let s: TestServer;
let w: Awaited<ReturnType<typeof makeWorld>>;
let alice: MailroomClient;
let bob: MailroomClient;

beforeAll(async () => {
  s = await startTestServer({ mailAttachmentMaxBytes: 64 * 1024 });
  w = await makeWorld(s.deps);
  alice = await s.signIn(w.alice.login, PASSWORD);
  bob = await s.signIn(w.bob.login, PASSWORD);
});
afterAll(() => s.stop());

const inbox = async (c: MailroomClient) => (await c.mail.folders()).items.find((f) => f.role === 'inbox')!;
const user = (id: string) => ({ kind: 'user' as const, id });
const download = (c: MailroomClient, url: string) => fetch(url, { headers: { cookie: c.http.cookie! } });

describe('attachments', () => {
  it('are streamed to the blob store once, sent, listed and downloaded only by those who have the message', async () => {
    const content = 'Q3 numbers\n'.repeat(100);
    const up = await alice.mail.upload('quarterly-budget-report.txt', new TextEncoder().encode(content), 'text/plain');
    const again = await alice.mail.upload('copy.txt', new TextEncoder().encode(content), 'text/plain');
    expect(again.sha256).toBe(up.sha256);
    const sent = await alice.mail.send({ to: [user(w.bob.id)], subject: 'Budget', html: '<p>see file</p>', attachments: [{ uploadId: up.uploadId }] });
    expect(sent.attachments).toEqual([{ id: expect.any(String), filename: 'quarterly-budget-report.txt', size: content.length, contentType: 'text/plain' }]);
    const atBob = (await bob.mail.list((await inbox(bob)).id)).items.find((e) => e.messageId === sent.messageId)!;
    expect(atBob.hasAttachments).toBe(true);
    const full = await bob.mail.get(atBob.id);
    const res = await download(bob, bob.mail.attachmentUrl(atBob.id, full.attachments[0].id));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="quarterly-budget-report.txt"/);
    expect(await res.text()).toBe(content);
    // someone without the message: NOT_FOUND, through their own entry id or another's
    const carol = await s.signIn((await makeUser(s.deps, w.org)).login, PASSWORD);
    expect((await download(carol, carol.mail.attachmentUrl(atBob.id, full.attachments[0].id))).status).toBe(404);
    // one blob for both uploads and the message
    const { rows } = await s.deps.db.query<{ n: number }>('select count(distinct sha256)::int as n from mail_attachments where message_id = $1', [sent.messageId]);
    expect(rows[0].n).toBe(1);
  });

  it('are forwarded from a message one has, and not from one one lacks', async () => {
    const up = await alice.mail.upload('plan.pdf', new Uint8Array([37, 80, 68, 70]), 'application/pdf');
    const sent = await alice.mail.send({ to: [user(w.bob.id)], subject: 'Plan', attachments: [{ uploadId: up.uploadId }] });
    const atBob = (await bob.mail.list((await inbox(bob)).id)).items.find((e) => e.messageId === sent.messageId)!;
    const original = await bob.mail.get(atBob.id);
    const carolUser = await makeUser(s.deps, w.org);
    const fwd = await bob.mail.send({ to: [user(carolUser.id)], subject: 'Fwd: Plan', attachments: [{ attachmentId: original.attachments[0].id }] });
    expect(fwd.attachments.map((a) => a.filename)).toEqual(['plan.pdf']);
    const carol = await s.signIn(carolUser.login, PASSWORD);
    // carol has the forwarded message, whose attachment is its own row over the same stored file
    await expect(carol.mail.send({ to: [user(w.bob.id)], attachments: [{ attachmentId: fwd.attachments[0].id }] })).resolves.toBeTruthy();
    await expect(carol.mail.send({ to: [user(w.bob.id)], attachments: [{ attachmentId: original.attachments[0].id }] })).rejects.toMatchObject({ field: 'attachments.0' });
    const dave = await s.signIn((await makeUser(s.deps, w.org)).login, PASSWORD);
    await expect(dave.mail.send({ to: [user(w.bob.id)], attachments: [{ attachmentId: original.attachments[0].id }] })).rejects.toMatchObject({ field: 'attachments.0' });
    await expect(dave.mail.send({ to: [user(w.bob.id)], attachments: [{ uploadId: up.uploadId }] })).rejects.toMatchObject({ field: 'attachments.0' });
  });

  it('over the size limit are refused with 413 and leave nothing behind', async () => {
    await expect(alice.mail.upload('big.bin', new Uint8Array(65 * 1024))).rejects.toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    await expect(alice.mail.upload('', new Uint8Array(1))).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'filename' });
    // a JSON file is a file, not a request body
    const j = await alice.mail.upload('data.json', new TextEncoder().encode('{"a":1}'), 'application/json');
    expect(j.size).toBe(7);
  });
});

describe('search', () => {
  it('finds by words in subject, body, sender and attachment names, in Russian, English and Polish, with filters', async () => {
    const dana = await makeUser(s.deps, w.org, { name: 'Dana Searcher' });
    const danaClient = await s.signIn(dana.login, PASSWORD);
    const up = await alice.mail.upload('quarterly-budget-report.xlsx', new Uint8Array([1, 2, 3]));
    await alice.mail.send({ to: [user(dana.id)], subject: 'Файлы', html: '<p>Договоры подписаны вчера</p>', attachments: [{ uploadId: up.uploadId }] });
    await alice.mail.send({ to: [user(dana.id)], subject: 'Umowy', html: '<p>Umowy zostały podpisane</p>', importance: 'high' });
    await bob.mail.send({ to: [user(dana.id)], subject: 'Lunch', html: '<p>Meetings were scheduled</p>' });
    const find = async (q: object) => (await danaClient.mail.search(q)).items.map((e) => e.subject).sort();
    expect(await find({ q: 'budget' })).toEqual(['Файлы']); // attachment name
    expect(await find({ q: 'договор' })).toEqual(['Файлы']); // Russian stem
    expect(await find({ q: 'umowy' })).toEqual(['Umowy']); // Polish, as written
    expect(await find({ q: 'Zostały' })).toEqual(['Umowy']); // Polish letters, any case
    expect(await find({ q: '"umowy zostały"' })).toEqual(['Umowy']); // phrase
    expect(await find({ q: 'were' })).toEqual([]); // a stop word alone finds nothing, and is no error
    expect(await find({ q: 'meeting' })).toEqual(['Lunch']); // English stem
    expect(await find({ q: w.bob.name.split(' ')[0] })).toEqual(['Lunch']); // sender
    expect(await find({ importance: 'high' })).toEqual(['Umowy']);
    expect(await find({ hasAttachment: true })).toEqual(['Файлы']);
    expect(await find({ senderId: w.bob.id })).toEqual(['Lunch']);
    expect(await find({ unread: true, q: 'umowy' })).toEqual(['Umowy']);
    expect(await find({ since: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    // nobody finds another person's mail
    expect((await bob.mail.search({ q: 'umowy' })).items).toEqual([]);
    // pages
    const p1 = await danaClient.mail.search({ limit: 2 });
    const p2 = await danaClient.mail.search({ limit: 2, cursor: p1.nextCursor! });
    expect([...p1.items, ...p2.items].map((e) => e.subject)).toEqual(['Lunch', 'Umowy', 'Файлы']);
  });

  it('a word with many matches pages newest first, exactly as the whole search would, whatever the filters', async () => {
    const erin = await makeUser(s.deps, w.org, { name: 'Erin Many' });
    const erinClient = await s.signIn(erin.login, PASSWORD);
    for (let i = 1; i <= 14; i++) await alice.mail.send({ to: [user(erin.id)], subject: `Invoice ${i}`, html: `<p>invoice number ${i}</p>`, importance: i % 5 === 0 ? 'high' : 'normal' });
    // an old one copied today is newer than all the others in Erin's mailbox
    const first = (await erinClient.mail.search({ q: 'invoice', limit: 50 })).items.find((e) => e.subject === 'Invoice 1')!;
    const archive = (await erinClient.mail.folders()).items.find((f) => f.role === 'archive')!;
    await erinClient.mail.copy([first.id], archive.id);
    const pages = async (q: Record<string, unknown>) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const p = await erinClient.mail.search({ q: 'invoice', limit: 2, ...q, cursor });
        seen.push(...p.items.map((e) => `${e.subject}@${e.folderId === archive.id ? 'archive' : 'inbox'}`));
        cursor = p.nextCursor ?? undefined;
      } while (cursor);
      return seen;
    };
    const newestFirst = ['Invoice 1@archive', ...Array.from({ length: 14 }, (_, i) => `Invoice ${14 - i}@inbox`)];
    expect(await pages({})).toEqual(newestFirst);
    // a filter that leaves few of the newest candidates: the first page is still right
    expect(await pages({ importance: 'high' })).toEqual(['Invoice 10@inbox', 'Invoice 5@inbox']);
    expect(await pages({ folderId: archive.id })).toEqual(['Invoice 1@archive']);
  });
});

describe('the compose window', () => {
  it('suggests people, groups and departments of the organisation only', async () => {
    await makeDepartment(s.deps, w.org, 'Zeta Logistics');
    await s.client({ apiKey: w.apiKey }).groups.create({ name: 'Zeta Board' });
    await makeUser(s.deps, w.org, { name: 'Zeta Person' });
    await makeUser(s.deps, w.other, { name: 'Zeta Stranger' });
    const got = (await alice.mail.recipients('zeta')).items.map((p) => [p.kind, p.name]);
    expect(got).toEqual([['user', 'Zeta Person'], ['group', 'Zeta Board'], ['department', 'Zeta Logistics']]);
  });

  it('polls at the server default unless the person sets their own', async () => {
    expect(await alice.mail.settings()).toEqual({ pollSeconds: 300, serverPollSeconds: 300, ownPollSeconds: null });
    expect(await alice.mail.updateSettings({ pollSeconds: 60 })).toMatchObject({ pollSeconds: 60, ownPollSeconds: 60 });
    await expect(alice.mail.updateSettings({ pollSeconds: 5 })).rejects.toMatchObject({ field: 'pollSeconds' });
    expect(await alice.mail.updateSettings({ pollSeconds: null })).toMatchObject({ pollSeconds: 300 });
  });
});
