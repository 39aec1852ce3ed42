import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type MailroomApp } from '../../server/src/app.ts';
import { loadConfig, type SettingKey } from '../../server/src/config/index.ts';
import { ensureFirstAdmin } from '../../server/src/modules/auth/index.ts';
import { webDist } from './server.ts';

/** The real server, in this process: its database and modules are at hand (e.g. to queue outgoing mail). */
export interface AppServer {
  url: string;
  adminLogin: string;
  adminPassword: string;
  app: MailroomApp;
  stop: () => Promise<void>;
}

/**
 * Builds the whole server in the spec's own process (buildApp, first administrator, listening on a
 * free port of 127.0.0.1) with a fresh DATA_DIR, serving web/dist. For journeys that need to act on
 * the server from inside, where startServer's child process cannot be reached (PGlite is one process's).
 * E2E_DATABASE_URL runs it on that PostgreSQL instead. Overrides may set `port` (with `publicUrl`)
 * when the address must be known before the server starts.
 */
export async function startAppServer(overrides: Partial<Record<SettingKey, unknown>> = {}): Promise<AppServer> {
  if (!existsSync(join(webDist, 'index.html'))) {
    throw new Error(`${webDist}/index.html is missing: build the web client first (npm run build -w web).`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-e2e-'));
  const adminPassword = 'e2e-admin-pass-1';
  const config = loadConfig(
    {
      host: '127.0.0.1', port: 0, dataDir, adminLogin: 'admin', adminPassword, logLevel: 'warn', webDir: webDist,
      ...(process.env.E2E_DATABASE_URL ? { databaseUrl: process.env.E2E_DATABASE_URL } : {}),
      ...overrides,
    },
    {},
  );
  let app: MailroomApp | null = null;
  const stop = async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    app = await buildApp(config);
    await ensureFirstAdmin(app.deps);
    // port 0 (the default) picks a free one; a journey that needs its address beforehand (publicUrl,
    // an authorization server's redirect) passes a port from freePort() with publicUrl
    await app.app.listen({ host: '127.0.0.1', port: config.port });
  } catch (e) {
    await stop();
    throw e;
  }
  const addr = app.app.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return { url, adminLogin: 'admin', adminPassword, app, stop };
}
