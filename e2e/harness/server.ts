import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const webDist = join(repoRoot, 'web', 'dist');

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  adminLogin: string;
  adminPassword: string;
  /** Everything the process printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

/** A free TCP port on 127.0.0.1 (listen on 0, read the port, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('Could not find a free port'))));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
}

async function waitReady(url: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The server exited (code ${child.exitCode}, signal ${child.signalCode}) before it was ready:\n${output()}`);
    }
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.status === 200) return;
      last = `GET /readyz answered ${res.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`The server was not ready within ${timeoutMs} ms (${last}):\n${output()}`);
}

/**
 * Starts the real server (node --import tsx server/src/main.ts start) on a free port with a fresh
 * data directory. The web client must already be built into web/dist (the e2e script builds it).
 * With E2E_DATABASE_URL set, the server uses that PostgreSQL instead of embedded PGlite.
 */
export async function startServer(opts: { adminPassword?: string; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const external = process.env.E2E_SERVER_URL;
  if (external) {
    // Debugging aid: run the specs against a server that is already running (e.g. `npm start`).
    const url = external.replace(/\/$/, '');
    return {
      url,
      port: Number(new URL(url).port),
      dataDir: '',
      adminLogin: process.env.E2E_ADMIN_LOGIN ?? 'admin',
      adminPassword: process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-pass-1',
      output: () => '',
      stop: async () => {},
    };
  }
  if (!existsSync(join(webDist, 'index.html'))) {
    throw new Error(`${webDist}/index.html is missing: build the web client first (npm run build -w web).`);
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-e2e-'));
  const adminPassword = opts.adminPassword ?? 'e2e-admin-pass-1';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    ADMIN_LOGIN: 'admin',
    ADMIN_PASSWORD: adminPassword,
    LOG_LEVEL: 'warn',
    ...opts.env,
  };
  delete env.DATABASE_URL;
  if (process.env.E2E_DATABASE_URL) env.DATABASE_URL = process.env.E2E_DATABASE_URL;

  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', 'start'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (b: Buffer) => {
    log = (log + b.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const output = () => log;
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited(child);
      clearTimeout(killer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitReady(url, child, output, 60_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, port, dataDir, adminLogin: 'admin', adminPassword, output, stop };
}
