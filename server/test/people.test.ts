import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailroomClient } from '@mailroom/sdk';
import { startTestServer, type TestServer } from './harness/app.ts';
import { makeUser, makeWorld, PASSWORD } from './harness/factories.ts';

let s: TestServer;
let w: Awaited<ReturnType<typeof makeWorld>>;
let admin: MailroomClient;

beforeAll(async () => {
  s = await startTestServer();
  w = await makeWorld(s.deps);
  admin = await s.signIn(w.admin.login, PASSWORD);
});
afterAll(() => s.stop());

describe('people', () => {
  it('are created by an administrator with an address in the mail domain, and sign in', async () => {
    const u = await admin.users.create({ login: 'Jan.Kowalski', name: 'Jan Kowalski', password: 'long-password-1', language: 'pl', timeZone: 'Europe/Warsaw' });
    expect(u).toMatchObject({ login: 'jan.kowalski', email: 'jan.kowalski@mailroom.local', language: 'pl', timeZone: 'Europe/Warsaw', role: 'user', active: true });
    const jan = await s.signIn('jan.kowalski', 'long-password-1');
    expect((await jan.auth.me()).user.id).toBe(u.id);
  });

  it('refuse a login that is taken, naming the field', async () => {
    await expect(admin.users.create({ login: w.alice.login, name: 'Again', password: 'long-password-1' })).rejects.toMatchObject({ code: 'CONFLICT', field: 'login' });
  });

  it('are found by name, login, address or department, a page at a time', async () => {
    const dept = await admin.departments.create({ name: 'Логистика' });
    const made = [];
    for (let i = 0; i < 7; i++) made.push(await makeUser(s.deps, w.org, { name: `Пётр Иванов ${i}`, departmentId: dept.id }));
    expect((await admin.users.list({ q: 'иванов' })).items).toHaveLength(7);
    expect((await admin.users.list({ q: 'логист' })).items).toHaveLength(7);
    expect((await admin.users.list({ q: made[3].login })).items.map((u) => u.id)).toEqual([made[3].id]);
    expect((await admin.users.list({ departmentId: dept.id })).items).toHaveLength(7);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await admin.users.list({ q: 'иванов', limit: 3, cursor });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((u) => u.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(made.map((u) => u.name));
  });

  it('of another organisation are never listed', async () => {
    expect((await admin.users.list({ q: 'Stranger' })).items).toEqual([]);
  });

  it('keep their own settings; a person cannot change their role', async () => {
    const alice = await s.signIn(w.alice.login, PASSWORD);
    expect(await alice.settings.update({ language: 'ru', timeZone: 'Europe/Moscow', sendKey: 'enter' })).toEqual({ language: 'ru', timeZone: 'Europe/Moscow', sendKey: 'enter' });
    await expect(alice.users.update(w.alice.id, { role: 'administrator' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('change their password with the current one; other sessions end', async () => {
    const u = await makeUser(s.deps, w.org);
    const first = await s.signIn(u.login, PASSWORD);
    const second = await s.signIn(u.login, PASSWORD);
    await expect(first.auth.changePassword('wrong-one', 'new-password-22')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS', field: 'current' });
    await first.auth.changePassword(PASSWORD, 'new-password-22');
    await expect(second.auth.me()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await first.auth.me()).user.id).toBe(u.id);
    await s.signIn(u.login, 'new-password-22');
  });

  it('deactivated by an administrator are signed out everywhere', async () => {
    const u = await makeUser(s.deps, w.org);
    const c = await s.signIn(u.login, PASSWORD);
    await admin.users.update(u.id, { active: false });
    await expect(c.auth.me()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('an administrator cannot demote or deactivate themself', async () => {
    await expect(admin.users.update(w.admin.id, { role: 'user' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'role' });
  });
});

describe('departments', () => {
  it('nest, refuse cycles, and refuse deletion while they have sub-departments', async () => {
    const top = await admin.departments.create({ name: 'Head office' });
    const mid = await admin.departments.create({ name: 'Sales', parentId: top.id });
    const leaf = await admin.departments.create({ name: 'Export', parentId: mid.id });
    await expect(admin.departments.update(top.id, { parentId: leaf.id })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'parentId' });
    await expect(admin.departments.remove(mid.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    const u = await makeUser(s.deps, w.org, { departmentId: leaf.id });
    expect((await admin.departments.list()).items.find((d) => d.id === leaf.id)).toMatchObject({ parentId: mid.id, memberCount: 1 });
    await admin.departments.remove(leaf.id);
    expect((await admin.users.get(u.id)).departmentId).toBeNull();
  });
});

describe('groups', () => {
  it('hold members of the organisation only, and members hear of changes', async () => {
    await expect(admin.groups.create({ name: 'Mixed', memberIds: [w.alice.id, w.stranger.id] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'memberIds.1' });
    const alice = await s.signIn(w.alice.login, PASSWORD);
    const { lastEventId } = await alice.events.since('0');
    const g = await admin.groups.create({ name: 'Board', memberIds: [w.alice.id, w.bob.id, w.alice.id] });
    expect(g.memberIds.sort()).toEqual([w.alice.id, w.bob.id].sort());
    await admin.groups.update(g.id, { memberIds: [w.bob.id], name: 'Board of directors' });
    await admin.groups.update(g.id, { name: 'The board' });
    const evs = (await alice.events.since(lastEventId)).events.filter((e) => BigInt(e.id) > BigInt(lastEventId) && e.type === 'group.updated');
    // told when added and when removed, then no longer
    expect(evs.map((e) => (e.payload as { group: { name: string } }).group.name)).toEqual(['Board', 'Board of directors']);
    expect((await alice.groups.get(g.id)).name).toBe('The board');
    await admin.groups.remove(g.id);
    await expect(alice.groups.get(g.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('people by id', () => {
  it('come back in one call, only the organisation’s', async () => {
    const page = await admin.users.list({ ids: [w.alice.id, w.bob.id, w.stranger.id] });
    expect(page.items.map((u) => u.id).sort()).toEqual([w.alice.id, w.bob.id].sort());
    await expect(admin.users.list({ ids: ['nope'] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'ids.0' });
  });
});
