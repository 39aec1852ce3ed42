import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailroomError } from '@mailroom/sdk';
import { startTestServer, type TestServer } from './harness/app.ts';
import { makeUser, makeWorld, PASSWORD } from './harness/factories.ts';

let s: TestServer;
let w: Awaited<ReturnType<typeof makeWorld>>;
let clock = new Date();

beforeAll(async () => {
  s = await startTestServer({ loginMaxFailures: 3 }, { now: () => clock });
  w = await makeWorld(s.deps);
});
afterAll(() => s.stop());

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  s.app.inject({ method: 'POST', url, payload: body as object, headers: { 'content-type': 'application/json', ...headers } });

describe('sign-in', () => {
  it('signs in into an httpOnly session cookie and answers /me with a CSRF token', async () => {
    const r = await post('/api/v1/auth/login', { login: w.alice.login, password: PASSWORD });
    expect(r.statusCode).toBe(200);
    const cookie = r.headers['set-cookie'] as string;
    expect(cookie).toMatch(/^mr_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = await s.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: cookie.split(';')[0] } });
    expect(me.json().user.login).toBe(w.alice.login);
    expect(me.json().csrfToken).toBe(r.json().csrfToken);
    expect(JSON.stringify(me.json())).not.toMatch(/password/i);
  });

  it('refuses a wrong password and an unknown login alike', async () => {
    const a = await post('/api/v1/auth/login', { login: w.bob.login, password: 'wrong-password' });
    const b = await post('/api/v1/auth/login', { login: 'nobody-here', password: 'wrong-password' });
    expect(a.statusCode).toBe(401);
    expect(a.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(b.json().error).toMatchObject({ code: 'INVALID_CREDENTIALS', message: a.json().error.message });
  });

  it('rate-limits repeated failures per login, even with the right password, until the window passes', async () => {
    const u = await makeUser(s.deps, w.org);
    for (let i = 0; i < 3; i++) expect((await post('/api/v1/auth/login', { login: u.login, password: 'nope-nope' })).statusCode).toBe(401);
    const limited = await post('/api/v1/auth/login', { login: u.login, password: PASSWORD });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await s.deps.db.query(`update login_failures set at = at - interval '1 hour' where login = $1`, [u.login]);
    expect((await post('/api/v1/auth/login', { login: u.login, password: PASSWORD })).statusCode).toBe(200);
  });

  it('counts parallel guesses: no more than the limit get past to the password check', async () => {
    const u = await makeUser(s.deps, w.org);
    const answers = await Promise.all(Array.from({ length: 12 }, () => post('/api/v1/auth/login', { login: u.login, password: 'guess-guess' })));
    const codes = answers.map((r) => r.json().error.code);
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(3);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(9);
  });

  it('refuses a sign-in form posted from another site', async () => {
    const r = await post('/api/v1/auth/login', { login: w.alice.login, password: PASSWORD }, { origin: 'https://evil.example' });
    expect(r.json().error.code).toBe('CSRF_FAILED');
  });

  it('refuses an inactive user', async () => {
    const u = await makeUser(s.deps, w.org);
    await s.deps.db.query('update users set active = false where id = $1', [u.id]);
    expect((await post('/api/v1/auth/login', { login: u.login, password: PASSWORD })).json().error.code).toBe('INVALID_CREDENTIALS');
  });
});

describe('CSRF', () => {
  it('needs the session token on changes made with the cookie', async () => {
    const login = await post('/api/v1/auth/login', { login: w.alice.login, password: PASSWORD });
    const cookie = (login.headers['set-cookie'] as string).split(';')[0];
    const patch = (headers: Record<string, string>) =>
      s.app.inject({ method: 'PATCH', url: '/api/v1/me/settings', payload: { sendKey: 'enter' }, headers: { cookie, 'content-type': 'application/json', ...headers } });
    const without = await patch({});
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('CSRF_FAILED');
    expect((await patch({ 'x-csrf-token': 'forged' })).json().error.code).toBe('CSRF_FAILED');
    const ok = await patch({ 'x-csrf-token': login.json().csrfToken });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().sendKey).toBe('enter');
  });

  it('signs out: the cookie stops working', async () => {
    const c = await s.signIn(w.bob.login, PASSWORD);
    await c.auth.logout();
    await expect(c.auth.me()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('API keys', () => {
  it('authenticate a host application, which may administer but is not a person', async () => {
    const app = s.client({ apiKey: w.apiKey });
    const page = await app.users.list({ q: 'alice' });
    expect(page.items.map((u) => u.id)).toEqual([w.alice.id]);
    await expect(app.auth.me()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('are shown once, stored hashed, listed without the key and revocable', async () => {
    const admin = await s.signIn(w.admin.login, PASSWORD);
    const created = await admin.apiKeys.create('ERP');
    expect(created.key).toMatch(/^mrk_/);
    const { rows } = await s.deps.db.query<{ key_hash: string }>('select key_hash from api_keys where id = $1', [created.id]);
    expect(rows[0].key_hash).not.toContain(created.key);
    const list = await admin.apiKeys.list();
    expect(JSON.stringify(list)).not.toContain(created.key);
    expect(list.items.some((k) => k.id === created.id)).toBe(true);
    const app = s.client({ apiKey: created.key });
    await app.users.list();
    await admin.apiKeys.revoke(created.id);
    await expect(app.users.list()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('reject made-up keys', async () => {
    await expect(s.client({ apiKey: 'mrk_abcdefgh_nope' }).users.list()).rejects.toMatchObject({ status: 401 });
  });

  it('are refused where only people may go, and people are refused application routes', async () => {
    const alice = await s.signIn(w.alice.login, PASSWORD);
    await expect(alice.tokens.mint({ login: w.bob.login })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('user tokens for widgets', () => {
  it('are minted by the host for its own users and expire', async () => {
    const app = s.client({ apiKey: w.apiKey });
    const t = await app.tokens.mint({ login: w.alice.login, ttlSeconds: 60 });
    const asAlice = s.client({ token: t.token });
    const me = await asAlice.auth.me();
    expect(me).toMatchObject({ via: 'user-token', csrfToken: null });
    expect(me.user.id).toBe(w.alice.id);
    // no cookie, so no CSRF token is needed for changes
    expect((await asAlice.settings.update({ language: 'pl' })).language).toBe('pl');
    clock = new Date(Date.now() + 120_000);
    try {
      await expect(asAlice.auth.me()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    } finally {
      clock = new Date();
    }
  });

  it('cannot administer, even when minted for an administrator, nor change the password', async () => {
    const { token } = await s.client({ apiKey: w.apiKey }).tokens.mint({ userId: w.admin.id });
    const widget = s.client({ token });
    expect((await widget.users.list({ q: 'alice' })).items).toHaveLength(1);
    await expect(widget.apiKeys.create('stolen')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(widget.users.update(w.alice.id, { role: 'administrator' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(widget.auth.changePassword(PASSWORD, 'another-password-1')).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('cannot be minted for another organisation’s user', async () => {
    const app = s.client({ apiKey: w.apiKey });
    const e = await app.tokens.mint({ userId: w.stranger.id }).catch((x) => x);
    expect(e).toBeInstanceOf(MailroomError);
    expect(e.code).toBe('NOT_FOUND');
  });

  it('stop working when the user is deactivated', async () => {
    const u = await makeUser(s.deps, w.org);
    const t = await s.client({ apiKey: w.apiKey }).tokens.mint({ userId: u.id });
    await s.client({ apiKey: w.apiKey }).users.update(u.id, { active: false });
    await expect(s.client({ token: t.token }).auth.me()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
