// Before `npm start`: builds what is missing or older than its sources — the web client
// (web/dist) and the bundled server (server/dist/main.js).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const newest = (...paths) =>
  Math.max(
    ...paths.map((p) =>
      statSync(p).isDirectory() ? readdirSync(p, { withFileTypes: true }).reduce((m, e) => Math.max(m, newest(join(p, e.name))), 0) : statSync(p).mtimeMs,
    ),
  );
const stale = (output, ...sources) => !existsSync(output) || newest(...sources) > statSync(output).mtimeMs;
const run = (what, cmd, args) => {
  process.stdout.write(`Building ${what}…\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (stale('web/dist/index.html', 'web/src', 'web/index.html', 'sdk/src', 'contract/src')) run('the web client', 'npm', ['run', 'build', '-w', 'web']);
if (stale('server/dist/main.js', 'server/src', 'contract/src')) run('the server', 'node', ['scripts/build-server.mjs']);
