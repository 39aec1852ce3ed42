import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessObject } from '../src/modules/objects/index.ts';
import type { Actor } from '../src/platform/http/actor.ts';
import { startTestServer, type TestServer } from './harness/app.ts';
import { makeDepartment, makeUser, makeWorld, PASSWORD } from './harness/factories.ts';

let s: TestServer;
let w: Awaited<ReturnType<typeof makeWorld>>;
let clock = Date.now();

/** The host application's access callback: a real HTTP server answering from a table. */
let callback: Server;
let callbackUrl = '';
const allowed = new Set<string>();
let calls = 0;
let stall = false;

beforeAll(async () => {
  callback = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      calls++;
      if (stall) return; // never answers: the timeout must deny
      const q = JSON.parse(body) as { type: string; id: string; user: { id: string } };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ allowed: allowed.has(`${q.type}/${q.id}/${q.user.id}`) }));
    });
  });
  await new Promise<void>((r) => callback.listen(0, '127.0.0.1', r));
  callbackUrl = `http://127.0.0.1:${(callback.address() as { port: number }).port}/access`;
  s = await startTestServer({ objectAccessCacheSeconds: 30, objectAccessTimeoutMs: 300 }, { now: () => new Date(clock) });
  w = await makeWorld(s.deps);
});
afterAll(async () => {
  await s.stop();
  callback.closeAllConnections();
  callback.close();
});

const person = (u: { id: string; login: string; org_id: string }): Actor => ({ kind: 'user', userId: u.id, orgId: u.org_id, login: u.login, role: 'user', via: 'session' });

describe('objects with pushed access lists', () => {
  it('are visible to named users, group members and members of a department or its sub-departments', async () => {
    const head = await makeDepartment(s.deps, w.org, 'Finance');
    const sub = await makeDepartment(s.deps, w.org, 'Payroll', head);
    const inSub = await makeUser(s.deps, w.org, { departmentId: sub });
    const outsider = await makeUser(s.deps, w.org);
    const host = s.client({ apiKey: w.apiKey });
    const admin = await s.signIn(w.admin.login, PASSWORD);
    const group = await admin.groups.create({ name: 'Reviewers', memberIds: [w.bob.id] });
    const o = await host.objects.put('contract', 'C-1', {
      title: 'Contract 1', url: 'https://erp.example/c/1',
      access: { mode: 'list', userIds: [w.alice.id], groupIds: [group.id], departmentIds: [head] },
    });
    expect(o).toMatchObject({ type: 'contract', externalId: 'C-1', accessMode: 'list' });
    for (const u of [w.alice, w.bob, inSub]) await expect(accessObject(s.deps, person(u), { type: 'contract', id: 'C-1' })).resolves.toMatchObject({ id: o.id });
    for (const u of [outsider, w.stranger, w.admin])
      await expect(accessObject(s.deps, person(u), { type: 'contract', id: 'C-1' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const asBob = await s.signIn(w.bob.login, PASSWORD);
    expect((await asBob.objects.get('contract', 'C-1')).title).toBe('Contract 1');
    await admin.groups.update(group.id, { memberIds: [] });
    await expect(asBob.objects.get('contract', 'C-1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answer the same NOT_FOUND for an unknown object and one the person may not see', async () => {
    await s.client({ apiKey: w.apiKey }).objects.put('task', 'T-1', { title: 'Task', access: { mode: 'list', userIds: [w.alice.id], groupIds: [], departmentIds: [] } });
    const bob = await s.signIn(w.bob.login, PASSWORD);
    const hidden = await bob.objects.get('task', 'T-1').catch((e) => e);
    const unknown = await bob.objects.get('task', 'T-404').catch((e) => e);
    expect([hidden.status, hidden.code, hidden.message]).toEqual([unknown.status, unknown.code, unknown.message]);
  });

  it('revoking access takes effect at once and tells the person', async () => {
    const host = s.client({ apiKey: w.apiKey });
    const { lastEventId } = await (await s.signIn(w.alice.login, PASSWORD)).events.since('0');
    await host.objects.put('doc', 'D-1', { title: 'Doc', access: { mode: 'list', userIds: [w.alice.id], groupIds: [], departmentIds: [] } });
    await host.objects.put('doc', 'D-1', { title: 'Doc', access: { mode: 'list', userIds: [w.bob.id], groupIds: [], departmentIds: [] } });
    const alice = await s.signIn(w.alice.login, PASSWORD);
    await expect(alice.objects.get('doc', 'D-1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const types = (await alice.events.since(lastEventId)).events.filter((e) => BigInt(e.id) > BigInt(lastEventId)).map((e) => e.type);
    expect(types).toEqual(['object.updated', 'object.removed']);
  });

  it('belong to one organisation: another organisation’s key cannot see, change or grant across', async () => {
    const host = s.client({ apiKey: w.apiKey });
    await host.objects.put('doc', 'D-2', { title: 'Doc', access: { mode: 'list', userIds: [w.alice.id], groupIds: [], departmentIds: [] } });
    const foreign = s.client({ apiKey: w.otherKey });
    await expect(foreign.objects.get('doc', 'D-2')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(foreign.objects.remove('doc', 'D-2')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const e = await host.objects.put('doc', 'D-3', { title: 'x', access: { mode: 'list', userIds: [w.stranger.id], groupIds: [], departmentIds: [] } }).catch((x) => x);
    expect(e).toMatchObject({ code: 'VALIDATION_FAILED', field: 'access.userIds.0' });
  });

  it('are removed by the host and then answer NOT_FOUND', async () => {
    const host = s.client({ apiKey: w.apiKey });
    await host.objects.put('doc', 'D-9', { title: 'Doc', access: { mode: 'list', userIds: [w.alice.id], groupIds: [], departmentIds: [] } });
    await host.objects.remove('doc', 'D-9');
    await expect(host.objects.get('doc', 'D-9')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('objects with an access callback', () => {
  it('ask the host, cache the answer briefly, and ask again when it expires', async () => {
    const host = s.client({ apiKey: w.apiKey });
    await host.objects.put('invoice', 'I-1', { title: 'Invoice 1', access: { mode: 'callback', url: callbackUrl } });
    allowed.add(`invoice/I-1/${w.alice.id}`);
    const alice = person({ id: w.alice.id, login: w.alice.login, org_id: w.org });
    const bob = person({ id: w.bob.id, login: w.bob.login, org_id: w.org });
    calls = 0;
    await expect(accessObject(s.deps, alice, { type: 'invoice', id: 'I-1' })).resolves.toBeTruthy();
    await expect(accessObject(s.deps, bob, { type: 'invoice', id: 'I-1' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await accessObject(s.deps, alice, { type: 'invoice', id: 'I-1' });
    expect(calls).toBe(2);
    allowed.delete(`invoice/I-1/${w.alice.id}`);
    await expect(accessObject(s.deps, alice, { type: 'invoice', id: 'I-1' })).resolves.toBeTruthy(); // still cached
    clock += 31_000;
    await expect(accessObject(s.deps, alice, { type: 'invoice', id: 'I-1' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(calls).toBe(3);
  });

  it('deny when the callback does not answer in time, without caching the failure', async () => {
    await s.client({ apiKey: w.apiKey }).objects.put('invoice', 'I-2', { title: 'Invoice 2', access: { mode: 'callback', url: callbackUrl } });
    allowed.add(`invoice/I-2/${w.alice.id}`);
    const alice = person({ id: w.alice.id, login: w.alice.login, org_id: w.org });
    stall = true;
    await expect(accessObject(s.deps, alice, { type: 'invoice', id: 'I-2' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    stall = false;
    await expect(accessObject(s.deps, alice, { type: 'invoice', id: 'I-2' })).resolves.toBeTruthy();
  });
});
