// Before `npm start`: builds the web client when web/dist is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const built = 'web/dist/index.html';
const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
    const p = join(dir, e.name);
    return Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }, 0);
const stale = !existsSync(built) || Math.max(newest('web/src'), newest('sdk/src'), newest('contract/src'), statSync('web/index.html').mtimeMs) > statSync(built).mtimeMs;
if (stale) {
  process.stdout.write('Building the web client…\n');
  const r = spawnSync('npm', ['run', 'build', '-w', 'web'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
