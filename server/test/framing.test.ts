import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/index.ts';
import { startTestServer, type TestServer } from './harness/app.ts';
import { makeWorld, PASSWORD } from './harness/factories.ts';

const SELF = "frame-ancestors 'self'";
const webDir = mkdtempSync(join(tmpdir(), 'mr-web-'));
writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Mailroom</title>');

let s: TestServer;
let plain: TestServer;
beforeAll(async () => {
  s = await startTestServer({ serveWeb: true, webDir, embedAllowedOrigins: 'https://erp.example.com, http://localhost:3000/' });
  plain = await startTestServer({ serveWeb: true, webDir }, { listen: false });
});
afterAll(async () => {
  await s?.stop();
  await plain?.stop();
  rmSync(webDir, { recursive: true, force: true });
});

const get = (t: TestServer, url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

describe('framing policy (clickjacking)', () => {
  it('no other site may frame the application, its API answers or its errors', async () => {
    for (const t of [s, plain])
      for (const url of ['/', '/discussions', '/api/v1/openapi.json', '/api/v1/me', '/api/v1/nothing-here', '/healthz']) {
        const res = await get(t, url);
        expect(res.headers['content-security-policy'], url).toBe(SELF);
        expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      }
    expect((await get(s, '/')).body).toContain('<title>Mailroom</title>');
    expect((await get(s, '/api/v1/me')).statusCode).toBe(401);
  });

  it('the embed pages may be framed by the configured sites only', async () => {
    const res = await get(s, '/embed/discussion?type=contract&id=c-77');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toBe(`${SELF} https://erp.example.com http://localhost:3000`);
    expect(res.headers['x-frame-options']).toBeUndefined();
    // without EMBED_ALLOWED_ORIGINS: Mailroom's own pages only
    const own = await get(plain, '/embed/discussion?type=contract&id=c-77');
    expect(own.headers['content-security-policy']).toBe(SELF);
    expect(own.headers['x-frame-options']).toBe('SAMEORIGIN');
    // a look-alike path is not an embed page
    expect((await get(s, '/embedded')).headers['content-security-policy']).toBe(SELF);
  });

  it('a response with its own policy keeps it, with frame-ancestors added', async () => {
    const w = await makeWorld(s.deps);
    const alice = await s.signIn(w.alice.login, PASSWORD);
    const d = await alice.discussions.create({ kind: 'group', title: 'Files', memberIds: [w.bob.id] });
    const up = await alice.mail.upload('plan.pdf', new TextEncoder().encode('%PDF-1.4 plan'), 'application/pdf');
    const m = await alice.discussions.post(d.id, { clientId: 'framing-1', text: 'the plan', uploadIds: [up.uploadId] });
    const res = await get(s, `/api/v1/discussions/${d.id}/messages/${m.id}/files/0`, { cookie: alice.http.cookie! });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toBe(`sandbox; default-src 'none'; ${SELF}`);
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('EMBED_ALLOWED_ORIGINS takes origins only and refuses anything that could change the policy', () => {
    expect(loadConfig({}, {}).embedAllowedOrigins).toEqual([]);
    expect(loadConfig({}, { EMBED_ALLOWED_ORIGINS: ' https://ERP.example.com  https://*.corp.example:8443,* ' }).embedAllowedOrigins).toEqual([
      'https://erp.example.com',
      'https://*.corp.example:8443',
      '*',
    ]);
    for (const bad of ["https://a.example; script-src 'unsafe-inline'", "'self'", 'https://a.example/path', 'javascript:alert(1)', 'erp.example.com', 'https://a.example"'])
      expect(() => loadConfig({}, { EMBED_ALLOWED_ORIGINS: bad }), bad).toThrow(ConfigError);
    expect(() => loadConfig({}, { EMBED_ALLOWED_ORIGINS: 'https://a.example/path' })).toThrow(/EMBED_ALLOWED_ORIGINS: "https:\/\/a.example\/path" is not an origin/);
  });
});
