import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteDef } from '../src/platform/http/route.ts';
import { startTestServer, type TestServer } from './harness/app.ts';
import { makeApiKey, makeDepartment, makeWorld, PASSWORD } from './harness/factories.ts';
import { fill, unclassified } from './harness/routes.ts';

let s: TestServer;
let w: Awaited<ReturnType<typeof makeWorld>>;
const as: Record<'user' | 'admin' | 'app', Record<string, string>> = { user: {}, admin: {}, app: {} };

async function sessionHeaders(login: string) {
  const r = await s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password: PASSWORD } });
  return { cookie: (r.headers['set-cookie'] as string).split(';')[0], 'x-csrf-token': r.json().csrfToken };
}

beforeAll(async () => {
  s = await startTestServer({ serveWeb: true, webDir: '/nonexistent' }, { listen: false });
  w = await makeWorld(s.deps);
  as.user = await sessionHeaders(w.alice.login);
  as.admin = await sessionHeaders(w.admin.login);
  as.app = { authorization: `Bearer ${w.apiKey}` };
});
afterAll(() => s.stop());

// routes whose query is required get a valid one, so that only the id decides the answer
const querySamples: Record<string, string> = {
  '/api/v1/discussions/search': '?q=budget', '/api/v1/presence': '?userIds=00000000-0000-4000-8000-000000000000', '/api/v1/accounts/:id/remote/messages': '?folder=INBOX', '/api/v1/accounts/:id/remote/message': '?folder=INBOX&uid=1', '/api/v1/accounts/oauth/callback': '?state=unknown',
};
const call = (def: Pick<RouteDef, 'method' | 'url' | 'example'>, headers: Record<string, string>, values?: Record<string, string>) =>
  s.app.inject({ method: def.method, url: fill(def.url, values) + (querySamples[def.url] ?? ''), headers: { ...headers, 'content-type': 'application/json' }, payload: def.method === 'GET' || def.method === 'DELETE' ? undefined : JSON.stringify(def.example ?? {}) });

describe('every route is classified', () => {
  it('has an access class on every route Fastify knows, the web fallback and the socket included', () => {
    expect(s.routes.length).toBeGreaterThan(20);
    expect(unclassified(s.routes)).toEqual([]);
    expect(s.routes.some((r) => r.url === '/api/v1/events/ws')).toBe(true);
    expect(s.routes.some((r) => r.url === '/*')).toBe(true);
  });

  it('would catch a route registered without one', async () => {
    const app = Fastify();
    const seen: Parameters<typeof unclassified>[0] = [];
    app.addHook('onRoute', (r) => void seen.push(r));
    app.get('/api/v1/sneaky', async () => 'hi');
    await app.ready();
    expect(unclassified(seen)).toContain('GET /api/v1/sneaky');
  });

  it('publishes every classified route in the OpenAPI document with its class', async () => {
    const doc = (await s.app.inject({ url: '/api/v1/openapi.json' })).json();
    for (const d of s.defs) {
      const op = doc.paths[d.url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[d.method.toLowerCase()];
      expect(op, `${d.method} ${d.url}`).toBeTruthy();
      expect(op['x-access']).toBe(d.access);
    }
  });
});

describe('each class is enforced', () => {
  it('answers UNAUTHENTICATED to anonymous callers on every non-public route', async () => {
    for (const d of s.defs.filter((d) => d.access !== 'public')) {
      const r = await call(d, {});
      expect([d.method, d.url, r.statusCode, r.json().error.code]).toEqual([d.method, d.url, 401, 'UNAUTHENTICATED']);
    }
  });

  it('refuses administrator and application routes to an ordinary person', async () => {
    for (const d of s.defs.filter((d) => d.access === 'administrator' || d.access === 'application')) {
      const r = await call(d, as.user);
      expect([d.method, d.url, r.statusCode, r.json().error.code]).toEqual([d.method, d.url, 403, 'FORBIDDEN']);
    }
  });

  it('refuses person-only routes to an API key', async () => {
    for (const d of s.defs.filter((d) => d.access === 'person')) {
      const r = await call(d, as.app);
      expect([d.method, d.url, r.statusCode]).toEqual([d.method, d.url, 401]);
    }
  });

  it('lets each class through to its own callers', async () => {
    for (const d of s.defs.filter((d) => d.method === 'GET' && !d.url.includes(':'))) {
      const who = d.access === 'person' ? as.user : d.access === 'administrator' ? as.admin : d.access === 'application' ? as.app : as.user;
      const r = await call(d, who);
      // the OAuth callback sends the browser on (303) whatever the outcome
      expect([d.url, r.statusCode]).toEqual([d.url, d.url === '/api/v1/accounts/oauth/callback' ? 303 : 200]);
    }
  });
});

describe('ids the caller may not see', () => {
  it('answer the same NOT_FOUND whether foreign or unknown, on every route with an id', async () => {
    // one thing of each kind in the other organisation
    const otherAdmin = { authorization: `Bearer ${await makeApiKey(s.deps, w.other)}` };
    const foreignGroup = (await s.app.inject({ method: 'POST', url: '/api/v1/groups', headers: otherAdmin, payload: { name: 'theirs' } })).json().id;
    const foreignDept = await makeDepartment(s.deps, w.other, 'Theirs');
    const foreignKey = (await s.app.inject({ method: 'POST', url: '/api/v1/apikeys', headers: otherAdmin, payload: { name: 'theirs' } })).json().id;
    const theirClient = await s.app.inject({
      method: 'PUT', url: '/api/v1/accounts/oauth-clients/theirs', headers: { ...otherAdmin, 'content-type': 'application/json' },
      payload: { authorizeUrl: 'https://id.example/auth', tokenUrl: 'https://id.example/token', clientId: 'theirs', scope: 'mail' },
    });
    expect(theirClient.statusCode).toBe(200);
    const theirPreset = await s.app.inject({
      method: 'PUT', url: '/api/v1/accounts/presets/theirs', headers: { ...otherAdmin, 'content-type': 'application/json' },
      payload: { name: 'Theirs', imap: null, pop3: null, smtp: { host: 'smtp.theirs.example', port: 587, security: 'starttls' }, helpUrl: null, domains: ['theirs.example'] },
    });
    expect(theirPreset.statusCode).toBe(200);
    await s.app.inject({ method: 'PUT', url: '/api/v1/objects/doc/theirs', headers: otherAdmin, payload: { title: 'Theirs', access: { mode: 'list', userIds: [w.stranger.id] } } });
    // another person's mailbox, in the same organisation
    const { sendMessage } = await import('../src/modules/mail/index.ts');
    const bobActor = { kind: 'user' as const, userId: w.bob.id, orgId: w.org, login: w.bob.login, role: 'user' as const, via: 'session' as const };
    const bobsSent = await sendMessage(s.deps, bobActor, { to: [{ kind: 'user', id: w.alice.id }], cc: [], bcc: [], subject: 'theirs', html: '', importance: 'normal', attachments: [] });
    const { createAccount } = await import('../src/modules/accounts/commands/save-account.ts');
    const bobsAccount = await createAccount(s.deps, bobActor, {
      name: 'Bob', email: 'bob@example.com', preset: 'other', protocol: 'imap', login: 'bob', password: 'x', mode: 'light', initialCount: 50, leaveOnServerDays: null, signatures: {},
      incoming: { host: '127.0.0.1', port: 1, security: 'none' }, smtp: { host: '127.0.0.1', port: 1, security: 'none' },
    });
    const { enqueueMail } = await import('../src/modules/outbox/index.ts');
    const theirMail = await s.deps.db.tx((tx) => enqueueMail(s.deps, tx, { orgId: w.other, senderId: null, to: ['x@outside.example'], subject: 'theirs' }));
    const strangerActor = { kind: 'user' as const, userId: w.stranger.id, orgId: w.other, login: w.stranger.login, role: 'user' as const, via: 'session' as const };
    const { createDiscussion } = await import('../src/modules/discussions/commands/create-discussion.ts');
    const { postMessage } = await import('../src/modules/discussions/commands/post-message.ts');
    const theirDiscussion = await createDiscussion(s.deps, strangerActor, { kind: 'group', title: 'theirs', memberIds: [] });
    const theirMessage = await postMessage(s.deps, strangerActor, theirDiscussion.id, { clientId: 'theirs', text: 'theirs', mentions: [], uploadIds: [] });
    const foreign: Record<string, Record<string, string>> = {
      '/api/v1/discussions/': { id: theirDiscussion.id, messageId: theirMessage.message.id, userId: w.stranger.id, emoji: '👍', n: '0' },
      '/api/v1/admin/outbox/': { id: theirMail.id },
      // another organisation's OAuth client: clients are looked up within the caller's organisation
      '/api/v1/accounts/oauth-clients/': { presetId: 'theirs' },
      '/api/v1/accounts/presets/': { presetId: 'theirs' },
      '/api/v1/accounts/': { id: bobsAccount.id },
      '/api/v1/mail/folders/': { id: bobsSent.folder_id },
      '/api/v1/mail/entries/': { id: bobsSent.id },
      '/api/v1/mail/holds/': { userId: w.stranger.id },
      '/api/v1/users/': { id: w.stranger.id },
      '/api/v1/groups/': { id: foreignGroup },
      '/api/v1/departments/': { id: foreignDept },
      '/api/v1/apikeys/': { id: foreignKey },
      '/api/v1/objects/': { type: 'doc', id: 'theirs' },
    };
    const withIds = s.defs.filter((d) => d.url.includes(':') && d.method !== 'PUT');
    expect(withIds.length).toBeGreaterThan(8);
    for (const d of withIds) {
      const values = Object.entries(foreign).find(([prefix]) => d.url.startsWith(prefix))?.[1];
      expect(values, `no foreign sample for ${d.url}`).toBeTruthy();
      const who = d.access === 'application' ? as.app : as.admin;
      const unknown = await call(d, who);
      const theirs = await call(d, who, values);
      const malformed = await call(d, who, Object.fromEntries(Object.keys(values!).map((k) => [k, 'not an id/../x'])));
      for (const r of [unknown, theirs, malformed]) expect([d.method, d.url, r.statusCode, r.json().error.code]).toEqual([d.method, d.url, 404, 'NOT_FOUND']);
      expect(theirs.json().error.message).toBe(unknown.json().error.message);
    }
  });
});
