import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteDef } from '../src/platform/http/route.ts';
import { startTestServer, type TestServer } from './harness/app.ts';
import { makeWorld, PASSWORD } from './harness/factories.ts';
import { fill } from './harness/routes.ts';

let s: TestServer;
let w: Awaited<ReturnType<typeof makeWorld>>;
let person: Record<string, string>;
let admin: Record<string, string>;

beforeAll(async () => {
  s = await startTestServer({ bodyLimitBytes: 4096, loginMaxFailures: 1000 }, { listen: false });
  w = await makeWorld(s.deps);
  const r = await s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: w.admin.login, password: PASSWORD } });
  person = { cookie: (r.headers['set-cookie'] as string).split(';')[0], 'x-csrf-token': r.json().csrfToken };
  admin = person;
});
afterAll(() => s.stop());

const headersFor = (d: RouteDef) => (d.access === 'application' ? { authorization: `Bearer ${w.apiKey}` } : d.access === 'person' ? person : admin);
const send = (d: RouteDef, payload: string, extra: Record<string, string> = {}) =>
  s.app.inject({ method: d.method, url: fill(d.url), headers: { ...headersFor(d), 'content-type': 'application/json', ...extra }, payload });

describe('every endpoint with a body', () => {
  const bodies = () => s.defs.filter((d) => d.body);

  it('has an example that its own schema accepts (documentation stays true)', () => {
    for (const d of bodies()) expect(d.body!.safeParse(d.example).success, `${d.method} ${d.url}`).toBe(true);
  });

  it('answers MALFORMED_JSON, never 500, to broken JSON', async () => {
    for (const d of bodies())
      for (const payload of ['{bad', '', '{"a":', '\u0000', '{"__proto__":{"x":1}}'.replace('{"x":1}', '{"polluted":true}')]) {
        const r = await send(d, payload);
        expect([d.url, payload, r.statusCode]).toEqual([d.url, payload, 400]);
        expect(['MALFORMED_JSON', 'VALIDATION_FAILED']).toContain(r.json().error.code);
      }
  });

  it('answers VALIDATION_FAILED with the field to a body of the wrong shape', async () => {
    for (const d of bodies())
      for (const payload of ['[]', '"text"', '42', 'null', JSON.stringify({ ...(d.example as object), unexpected: { nested: true } })]) {
        const r = await send(d, payload);
        expect([d.method, d.url, payload, r.statusCode, r.json().error.code]).toEqual([d.method, d.url, payload, 400, 'VALIDATION_FAILED']);
        expect(typeof r.json().error.field).toBe('string');
      }
  });

  it('names the offending field', async () => {
    const r = await s.app.inject({ method: 'POST', url: '/api/v1/users', headers: { ...admin, 'content-type': 'application/json' }, payload: { login: 'Bad Login!', name: 'x', password: 'long-enough-1' } });
    expect(r.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'login' });
    const r2 = await s.app.inject({ method: 'PATCH', url: '/api/v1/me/settings', headers: { ...person, 'content-type': 'application/json' }, payload: { timeZone: 'Mars/Olympus' } });
    expect(r2.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'timeZone' });
  });

  it('answers PAYLOAD_TOO_LARGE (413) past the body limit', async () => {
    for (const d of bodies()) {
      const r = await send(d, JSON.stringify({ filler: 'x'.repeat(8000) }));
      expect([d.url, r.statusCode, r.json().error.code]).toEqual([d.url, 413, 'PAYLOAD_TOO_LARGE']);
    }
  });

  it('answers UNSUPPORTED_MEDIA_TYPE to a body that is not JSON', async () => {
    const d = bodies()[0];
    const r = await send(d, 'login=a', { 'content-type': 'application/x-www-form-urlencoded' });
    expect([r.statusCode, r.json().error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });
});

describe('query strings', () => {
  it('are validated with the field named', async () => {
    for (const q of ['limit=abc', 'limit=0', 'limit=100000', 'departmentId=nope']) {
      const r = await s.app.inject({ url: `/api/v1/users?${q}`, headers: person });
      expect([q, r.statusCode, r.json().error.code, r.json().error.field]).toEqual([q, 400, 'VALIDATION_FAILED', q.split('=')[0]]);
    }
    const r = await s.app.inject({ url: '/api/v1/events?after=-1', headers: person });
    expect(r.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'after' });
  });

  it('survive injection attempts in search text', async () => {
    for (const q of ["%' or 1=1 --", '%', '_', '\\', "'; drop table users; --"]) {
      const r = await s.app.inject({ url: `/api/v1/users?q=${encodeURIComponent(q)}`, headers: person });
      expect(r.statusCode).toBe(200);
      expect(r.json().items).toEqual([]);
    }
  });
});

describe('unknown paths', () => {
  it('answer NOT_FOUND as JSON with a request id', async () => {
    const r = await s.app.inject({ url: '/api/v1/nothing-here', headers: { 'x-request-id': 'trace-123' } });
    expect(r.statusCode).toBe(404);
    expect(r.json().error).toMatchObject({ code: 'NOT_FOUND', requestId: 'trace-123' });
    expect(r.headers['x-request-id']).toBe('trace-123');
  });
});
