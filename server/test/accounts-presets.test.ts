import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailroomClient } from '@mailroom/sdk';
import { startTestServer, type TestServer } from './harness/app.ts';
import { makeWorld, PASSWORD } from './harness/factories.ts';

let s: TestServer;
let admin: MailroomClient;
let alice: MailroomClient;

describe('the organisation\'s own presets and OAuth clients', () => {
  beforeAll(async () => {
    s = await startTestServer();
    const w = await makeWorld(s.deps);
    admin = await s.signIn(w.admin.login, PASSWORD);
    alice = await s.signIn(w.alice.login, PASSWORD);
  });
  afterAll(() => s?.stop());

  const ours = { name: 'Our mail', imap: { host: 'mail.example.com', port: 993, security: 'tls' }, pop3: null, smtp: { host: 'mail.example.com', port: 587, security: 'starttls' }, helpUrl: null, domains: ['example.com'] };

  it('an administrator adds a preset for the company domain; people see it beside the built-in ones', async () => {
    const saved = await admin.http.call('PUT', '/api/v1/accounts/presets/ourmail', ours);
    expect(saved).toMatchObject({ id: 'ourmail', builtIn: false, oauth2: false, domains: ['example.com'] });
    const items = (await alice.accounts.presets()).items;
    expect(items.map((p) => p.id)).toEqual(['gmail', 'outlook', 'yahoo', 'yandex', 'mailru', 'rambler', 'ourmail']);
    // changed in place
    await admin.http.call('PUT', '/api/v1/accounts/presets/ourmail', { ...ours, name: 'Company mail' });
    expect((await alice.accounts.presets()).items.find((p) => p.id === 'ourmail')?.name).toBe('Company mail');
  });

  it('built-in presets stay as they are; a person cannot change presets', async () => {
    await expect(admin.http.call('PUT', '/api/v1/accounts/presets/gmail', ours)).rejects.toMatchObject({ status: 400, field: 'presetId' });
    await expect(alice.http.call('PUT', '/api/v1/accounts/presets/mine', ours)).rejects.toMatchObject({ status: 403 });
  });

  it('an OAuth client marks its preset; its secret is sealed and never shown', async () => {
    const c = await admin.http.call<{ hasSecret: boolean }>('PUT', '/api/v1/accounts/oauth-clients/ourmail', {
      authorizeUrl: 'https://id.example.com/auth', tokenUrl: 'https://id.example.com/token', clientId: 'mailroom', clientSecret: 'very-secret', scope: 'mail',
    });
    expect(c).toEqual({ presetId: 'ourmail', authorizeUrl: 'https://id.example.com/auth', tokenUrl: 'https://id.example.com/token', clientId: 'mailroom', hasSecret: true, scope: 'mail' });
    expect(JSON.stringify(await admin.http.call('GET', '/api/v1/accounts/oauth-clients'))).not.toContain('very-secret');
    const { rows } = await s.deps.db.query<{ t: string }>('select row_to_json(c)::text as t from mail_oauth_clients c');
    expect(rows[0].t).not.toContain('very-secret');
    expect((await alice.accounts.presets()).items.find((p) => p.id === 'ourmail')?.oauth2).toBe(true);
    // a change without the secret keeps it
    await admin.http.call('PUT', '/api/v1/accounts/oauth-clients/ourmail', { authorizeUrl: 'https://id.example.com/auth', tokenUrl: 'https://id.example.com/token', clientId: 'mailroom2', scope: 'mail' });
    expect((await admin.http.call<{ items: { hasSecret: boolean; clientId: string }[] }>('GET', '/api/v1/accounts/oauth-clients')).items[0]).toMatchObject({ hasSecret: true, clientId: 'mailroom2' });
    // without a client, starting an OAuth sign-in says who can set it up
    await expect(alice.http.call('POST', '/api/v1/accounts/oauth/start', {
      name: 'x', email: 'x@yahoo.com', preset: 'yahoo', login: 'x', incoming: { host: 'imap.mail.yahoo.com', port: 993, security: 'tls' }, smtp: { host: 'smtp.mail.yahoo.com', port: 465, security: 'tls' },
    })).rejects.toMatchObject({ status: 400, field: 'preset' });
  });

  it('removing a preset and its client', async () => {
    await admin.http.call('DELETE', '/api/v1/accounts/oauth-clients/ourmail');
    await admin.http.call('DELETE', '/api/v1/accounts/presets/ourmail');
    expect((await alice.accounts.presets()).items.some((p) => p.id === 'ourmail')).toBe(false);
    await expect(admin.http.call('DELETE', '/api/v1/accounts/presets/ourmail')).rejects.toMatchObject({ status: 404 });
  });
});
