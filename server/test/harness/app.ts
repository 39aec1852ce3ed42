import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { MailroomClient } from '@mailroom/sdk';
import { buildApp, type BuildOptions, type MailroomApp } from '../../src/app.ts';
import { loadConfig, type SettingKey } from '../../src/config/index.ts';
import { openTestDb, type TestDb } from './db.ts';

export interface TestServer extends MailroomApp {
  testDb: TestDb;
  /** http://127.0.0.1:PORT when started with listen: true */
  url: string;
  /** A signed-in SDK client (cookie session) for a login/password. */
  signIn(login: string, password: string): Promise<MailroomClient>;
  /** An SDK client with an API key or user token. */
  client(opts: { apiKey?: string; token?: string }): MailroomClient;
  stop(): Promise<void>;
}

/** The whole app in-process on a fresh database; listening on a free port when asked (sockets, SDK). */
export async function startTestServer(
  overrides: Partial<Record<SettingKey, unknown>> = {},
  opts: BuildOptions & { listen?: boolean; testDb?: TestDb } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-data-'));
  const testDb = opts.testDb ?? (await openTestDb());
  const config = loadConfig({ logLevel: 'silent', dataDir, serveWeb: false, port: 0, ...overrides }, {});
  const m = await buildApp(config, { ...opts, db: testDb.db });
  let url = '';
  if (opts.listen !== false) {
    await m.app.listen({ host: '127.0.0.1', port: 0 });
    const addr = m.app.server.address();
    url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  }
  return {
    ...m,
    testDb,
    url,
    async signIn(login, password) {
      const c = new MailroomClient({ baseUrl: url });
      await c.auth.login(login, password);
      return c;
    },
    client: (o) => new MailroomClient({ baseUrl: url, ...o }),
    async stop() {
      await m.close();
      if (!opts.testDb) await testDb.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export { WebSocket };
