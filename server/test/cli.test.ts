import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { onPostgres } from './harness/db.ts';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'mr-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' };
const mailroom = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'server/src/main.ts', ...args], { cwd: root, env });

// The CLI runs on the embedded database in a temporary DATA_DIR; PostgreSQL runs skip it (it is the same code).
describe.skipIf(onPostgres())('the mailroom command', () => {
  it('migrates, adds a user, creates an API key and lists the settings', async () => {
    expect((await mailroom('migrate')).stdout).toMatch(/Applied: 0001_foundation.sql/);
    expect((await mailroom('migrate')).stdout).toMatch(/up to date/);
    expect((await mailroom('user', 'add', '--login', 'ewa', '--name', 'Ewa Nowak', '--password', 'long-password-1', '--language', 'pl')).stdout).toMatch(
      /Created user "ewa" <ewa@mailroom.local>/,
    );
    const bad = await mailroom('user', 'add', '--login', 'Bad Login!').catch((e) => e);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/login/);
    expect((await mailroom('apikey', 'create', '--name', 'ERP')).stdout).toMatch(/\nmrk_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}\n/);
    const cfg = (await mailroom('config')).stdout;
    expect(cfg).toMatch(/DATABASE_URL/);
    expect(cfg).toMatch(/MAIL_DOMAIN\n {2}type: string {3}default: mailroom.local/);
    // five cold starts of the CLI (tsx, PGlite): slow on a busy 2-core machine
  }, 180_000);
});
