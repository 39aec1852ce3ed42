// Startup: cold start to ready on PGlite and PostgreSQL (first start on an empty database, and a
// restart on existing data), beside a raw peer measured in the same run: a bare Node process that
// opens the same database and listens on HTTP. Then idle RSS after start.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase } from './lib/postgres.ts';
import { repoRoot, rssMiB, startUntil, stop } from './lib/process.ts';
import { median, note, report } from './lib/report.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const READY = /Mailroom ready at/;

const peerScript = `
const http = require('node:http');
(async () => {
  const url = process.env.DATABASE_URL;
  if (url) { const pg = require('pg'); const c = new pg.Client({ connectionString: url }); await c.connect(); await c.query('select 1'); }
  else { const { PGlite } = await import('@electric-sql/pglite'); const db = await PGlite.create(process.env.DATA_DIR + '/pglite'); await db.query('select 1'); }
  http.createServer((q, r) => r.end('ok')).listen(0, '127.0.0.1', () => console.log('peer ready'));
})();`;

// the production start: the bundled server, as `npm start` runs it
const built = spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
if (built.status !== 0) throw new Error('building the server failed');

async function measure(db: 'pglite' | 'postgres') {
  const first: number[] = [];
  const again: number[] = [];
  const peer: number[] = [];
  let rss = 0;
  let rssFirst = 0;
  for (let i = 0; i < RUNS; i++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'mr-bench-start-'));
    const pgdb = db === 'postgres' ? await freshDatabase() : null;
    if (db === 'postgres' && !pgdb) return note('PostgreSQL not reachable: skipped');
    const env = { DATA_DIR: dataDir, DATABASE_URL: pgdb?.url ?? '', PORT: '0', LOG_LEVEL: 'warn', ADMIN_PASSWORD: 'bench-password-1', WORKERS: 'true' };
    const args = ['server/dist/main.js', 'start'];
    const a = await startUntil(process.execPath, args, env, READY);
    first.push(a.ms);
    if (i === RUNS - 1) {
      await new Promise((r) => setTimeout(r, 3000));
      rssFirst = rssMiB(a.child.pid!);
    }
    await stop(a.child);
    const b = await startUntil(process.execPath, args, env, READY);
    again.push(b.ms);
    if (i === RUNS - 1) {
      await new Promise((r) => setTimeout(r, 3000)); // settle: idle, nothing connected
      rss = rssMiB(b.child.pid!);
    }
    await stop(b.child);
    const peerDir = mkdtempSync(join(tmpdir(), 'mr-bench-peer-'));
    const pgPeer = db === 'postgres' ? await freshDatabase() : null;
    const p = await startUntil(process.execPath, ['-e', peerScript], { DATA_DIR: peerDir, DATABASE_URL: pgPeer?.url ?? '' }, /peer ready/);
    peer.push(p.ms);
    await stop(p.child);
    await pgdb?.drop();
    await pgPeer?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(peerDir, { recursive: true, force: true });
  }
  const peerMs = median(peer);
  const peerName = db === 'pglite' ? 'bare node + PGlite.create on an empty dir + http.listen' : 'bare node + pg connect + http.listen';
  report({ bench: 'startup', metric: 'first_start_ready_ms', db, value: median(first), unit: 'ms', target: 5000, ratio: median(first) / peerMs, peer: peerName });
  report({ bench: 'startup', metric: 'restart_ready_ms', db, value: median(again), unit: 'ms', target: 5000 });
  report({ bench: 'startup', metric: 'idle_rss_mib', db, value: rss, unit: 'MiB', target: 300 });
  report({ bench: 'startup', metric: 'idle_rss_after_first_start_mib', db, value: rssFirst, unit: 'MiB', target: 300 });
}

await measure('pglite');
await measure('postgres');
