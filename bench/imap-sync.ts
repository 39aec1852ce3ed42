// First synchronisation of a 10,000-message IMAP mailbox, against mbsync (isync) in the same run:
//   sync_10k_vs_mbsync  our time / mbsync's time (target < 3): Mailroom parses MIME, stores the raw
//                       message and attachments in the blob store and indexes for search; mbsync
//                       copies files into a Maildir, so it is the floor for "take it all over IMAP"
//   sync_10k_s          our time in seconds (target: 3 × mbsync's)
// Both talk plain IMAP to a real Dovecot on loopback (server/test/harness/dovecot.ts) whose INBOX is
// filled with a varied corpus (bench/lib/messages.ts) written straight into its Maildir.
// Ours is timed from POST /api/v1/accounts until the account is ready with every message stored.
// BENCH_DB=pglite|postgres picks one database; ACCOUNT_FETCH_BATCH and PGLITE_SHARED_BUFFERS_MB are passed through;
// BENCH_SYNC_MESSAGES (10,000) scales the mailbox, BENCH_SYNC_RUNS (1) repeats ours (median),
// BENCH_SYNC_CPU_PROFILE=file.cpuprofile writes a V8 CPU profile of our (last) synchronisation.
// The CPU time per message of our process and of the PostgreSQL backends serving it, and the
// write-ahead log written per message, are noted on stderr: on a shared machine wall time is
// noisy, CPU time and bytes written say where the work went.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config/index.ts';
import { signUserToken } from '../server/src/modules/auth/user-token.ts';
import { createUser } from '../server/src/modules/users/index.ts';
import { openPglite, openPostgres, type Queryable } from '../server/src/platform/db/index.ts';
import { startDovecot, type Dovecot } from '../server/test/harness/dovecot.ts';
import { corpusMessage, corpusSeen } from './lib/messages.ts';
import { freshDatabase } from './lib/postgres.ts';
import { median, note, report } from './lib/report.ts';

const COUNT = Number(process.env.BENCH_SYNC_MESSAGES ?? 10_000);
const OUR_RUNS = Number(process.env.BENCH_SYNC_RUNS ?? 1);
const USER = 'bench';
const PASS = 'bench-password';
const TIMEOUT_MS = 30 * 60_000;
const MBSYNC_RUNS = 3;

/** Writes the corpus as Maildir files (faster than APPEND by far); Dovecot assigns UIDs when it first looks. */
function fillMaildir(dv: Dovecot) {
  const box = join(dv.dir, 'mail', USER);
  for (const d of ['cur', 'new', 'tmp']) mkdirSync(join(box, d), { recursive: true });
  let bytes = 0;
  for (let i = 1; i <= COUNT; i++) {
    const raw = corpusMessage(i);
    bytes += raw.length;
    // the name's time part orders the files, so UIDs follow the corpus order
    writeFileSync(join(box, 'cur', `${1_700_000_000 + i}.M${i}P1.bench,S=${raw.length}:2,${corpusSeen(i) ? 'S' : ''}`), raw);
  }
  // as root Dovecot reads mail as the system's "mail" user (uid/gid 8, see the harness)
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', '8:8', box]);
  // index the folder now, so neither peer pays for Dovecot's first scan
  const status = dv.doveadm('mailbox', 'status', '-u', USER, 'messages', 'INBOX').trim();
  if (!status.endsWith(`messages=${COUNT}`)) throw new Error(`Dovecot sees ${status}, expected ${COUNT} messages`);
  return bytes;
}

/** Runs mbsync over the whole INBOX into a fresh Maildir; returns its wall-clock seconds. */
async function runMbsync(dv: Dovecot) {
  const dir = mkdtempSync(join(tmpdir(), 'mr-bench-mbsync-'));
  try {
    writeFileSync(
      join(dir, 'mbsyncrc'),
      `IMAPAccount bench
Host ${dv.host}
Port ${dv.imap}
User ${USER}
Pass ${PASS}
SSLType None
AuthMechs LOGIN

IMAPStore far
Account bench

MaildirStore near
Path ${dir}/mail/
Inbox ${dir}/mail/INBOX

Channel bench
Far :far:
Near :near:
Patterns INBOX
Create Near
Sync Pull
SyncState ${dir}/state/
`,
    );
    for (const d of ['state', 'mail']) mkdirSync(join(dir, d));
    const t = performance.now();
    await new Promise<void>((resolve, reject) => {
      const p = spawn('mbsync', ['-c', join(dir, 'mbsyncrc'), '-q', 'bench'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      p.stderr.on('data', (b) => (err += b));
      p.on('error', reject);
      p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`mbsync exited with ${code}: ${err}`))));
    });
    const seconds = (performance.now() - t) / 1000;
    const copied = ['cur', 'new'].reduce((n, d) => n + readdirSync(join(dir, 'mail', 'INBOX', d)).length, 0);
    if (copied !== COUNT) throw new Error(`mbsync copied ${copied} of ${COUNT}`);
    return seconds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The CPU milliseconds (user + system) in a /proc stat file (of a process or a thread). */
function statCpuMs(path: string) {
  const stat = readFileSync(path, 'latin1');
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux); the
  // name before them, in parentheses, may hold spaces
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * CPU milliseconds (user + system) of the PostgreSQL backends serving `db`'s database, by their
 * pids from pg_stat_activity (reading /proc for every process each time cost our process more
 * system time than it measured). A backend that ended keeps its last reading.
 */
async function backendCpuMs(db: Queryable, last: Map<number, number>) {
  const { rows } = await db.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database()');
  for (const { pid } of rows) {
    try {
      last.set(pid, statCpuMs(`/proc/${pid}/stat`));
    } catch {
      // ended meanwhile, or on another machine
    }
  }
  return [...last.values()].reduce((a, b) => a + b, 0);
}

/** CPU milliseconds (user + system) of each of this process's threads, by thread id. */
function threadCpuMs() {
  const out = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      out.set(Number(tid), statCpuMs(`/proc/self/task/${tid}/stat`));
    } catch {
      // ended meanwhile
    }
  }
  return out;
}

/** The database's write-ahead log so far: records, full-page images and bytes (whole server on PostgreSQL). */
async function walStats(db: Queryable) {
  const { rows } = await db.query<{ records: string; fpi: string; bytes: string }>('select wal_records as records, wal_fpi as fpi, wal_bytes as bytes from pg_stat_wal');
  return { records: Number(rows[0].records), fpi: Number(rows[0].fpi), bytes: Number(rows[0].bytes) };
}

/** Mailroom in-process with workers: creates the account over HTTP and waits until everything is stored. */
async function runOurs(kind: 'pglite' | 'postgres', dv: Dovecot) {
  const pg = kind === 'postgres' ? await freshDatabase() : null;
  if (kind === 'postgres' && !pg) return null;
  const dataDir = mkdtempSync(join(tmpdir(), 'mr-bench-sync-'));
  const config = loadConfig(
    // no IDLE watch: it would start one more pass right after the measured one
    { dataDir, logLevel: 'silent', serveWeb: false, workers: true, accountTimeoutMs: 60_000, accountSyncSeconds: 3600, accountIdle: false },
    { ACCOUNT_FETCH_BATCH: process.env.ACCOUNT_FETCH_BATCH, PGLITE_SHARED_BUFFERS_MB: process.env.PGLITE_SHARED_BUFFERS_MB },
  );
  const db = pg ? await openPostgres(pg.url, 10) : await openPglite(join(dataDir, 'pglite'), { sharedBuffersMb: config.pgliteSharedBuffersMb });
  const m = await buildApp(config, { db });
  try {
    const org = (await db.query<{ id: string }>(`insert into orgs (name) values ('Bench') returning id`)).rows[0].id;
    const user = await createUser(m.deps, org, { login: 'reader', name: 'Bench Reader', password: 'bench-password-1', role: 'user', language: 'en', timeZone: 'UTC', departmentId: null });
    const { token } = await signUserToken(m.deps.secret, { userId: user.id, orgId: org, ttlSeconds: 3600, now: new Date() });
    const body = {
      name: 'Bench', email: 'bench@example.org', login: USER, password: PASS, initialCount: COUNT,
      incoming: { host: dv.host, port: dv.imap, security: 'none' }, smtp: { host: dv.host, port: 1, security: 'none' },
    };
    const backends = new Map<number, number>();
    const pgCpu0 = pg ? await backendCpuMs(db, backends) : 0;
    backends.clear();
    const profiler = process.env.BENCH_SYNC_CPU_PROFILE ? new Session() : null;
    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    const wal0 = await walStats(db);
    const threads0 = threadCpuMs();
    const cpu0 = process.cpuUsage();
    const t = performance.now();
    const r = await m.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: { authorization: `Bearer ${token}` }, payload: body });
    if (r.statusCode !== 201) throw new Error(`create account: ${r.statusCode} ${r.body}`);
    const id = r.json().id as string;
    let told = 0;
    for (;; await new Promise((res) => setTimeout(res, 200))) {
      // the account's own progress, as the screen reads it: a count of its messages here, on the
      // embedded database's one connection between the synchronisation's transactions, cost it
      // more the further it got (the count at the end below checks the figure)
      const { rows } = await db.query<{ status: string; problem: string | null; detail: string | null; n: number }>(
        'select status, problem, detail, progress_done as n from mail_accounts where id = $1',
        [id],
      );
      const a = rows[0];
      if (pg) await backendCpuMs(db, backends);
      if (a.status === 'error') throw new Error(`sync failed: ${a.problem} ${a.detail}`);
      if (a.status === 'ready' && a.n === COUNT) break;
      const elapsed = performance.now() - t;
      if (elapsed - told > 10_000) {
        told = elapsed;
        note(`${kind}: ${a.n} stored after ${(elapsed / 1000).toFixed(0)} s`);
      }
      if (elapsed > TIMEOUT_MS) throw new Error(`not done after ${TIMEOUT_MS / 60_000} min: ${a.status}, ${a.n} stored`);
    }
    const seconds = (performance.now() - t) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const threadName = (tid: number) => (tid === process.pid ? 'main' : tid === db.threadId ? 'pglite' : 'other');
    const busiest = [...threadCpuMs()].map(([k, v]) => [threadName(k), v - (threads0.get(k) ?? 0)] as const).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]).slice(0, 4);
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(process.env.BENCH_SYNC_CPU_PROFILE!, JSON.stringify(profile));
      profiler.disconnect();
    }
    const pgCpu = pg ? (await backendCpuMs(db, backends)) - pgCpu0 : 0;
    const perMessage = (ms: number) => ((ms / COUNT) * 1000).toFixed(0);
    note(`${kind}: CPU per message: node ${perMessage((cpu.user + cpu.system) / 1000)} µs (user ${perMessage(cpu.user / 1000)}, system ${perMessage(cpu.system / 1000)})` +
      (pg ? `, postgres ${perMessage(pgCpu)} µs` : '') + `; busiest threads: ${busiest.map(([k, v]) => `${k} ${perMessage(v)} µs`).join(', ')}`);
    const wal = await walStats(db);
    note(`${kind}: WAL per message: ${((wal.bytes - wal0.bytes) / COUNT / 1024).toFixed(1)} KiB in ${((wal.records - wal0.records) / COUNT).toFixed(0)} records, ${((wal.fpi - wal0.fpi) / COUNT).toFixed(2)} full-page images`);
    const stored = (await db.query<{ n: number }>('select count(*)::int as n from mail_messages where account_id = $1', [id])).rows[0].n;
    if (stored !== COUNT) throw new Error(`${stored} messages stored, expected ${COUNT}`);
    return seconds;
  } finally {
    await m.close();
    await db.close();
    await pg?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const dv = await startDovecot();
try {
  dv.addUser(USER, PASS);
  note(`filling a Maildir with ${COUNT.toLocaleString('en')} messages…`);
  note(`${(fillMaildir(dv) / 2 ** 20).toFixed(1)} MiB in INBOX`);
  const version = execFileSync('mbsync', ['--version'], { encoding: 'utf8' }).trim();
  const only = process.env.BENCH_DB;
  for (const kind of ['postgres', 'pglite'] as const) {
    if (only && only !== kind) continue;
    // each database against its own mbsync runs, made just before on the same warm server; the
    // median of three, as one run's time swings with the disk (it syncs every file)
    const runs: number[] = [];
    for (let i = 0; i < MBSYNC_RUNS; i++) runs.push(await runMbsync(dv));
    const peer = median(runs);
    note(`${kind}: mbsync took ${runs.map((x) => x.toFixed(2)).join(', ')} s`);
    const times: number[] = [];
    for (let i = 0; i < OUR_RUNS; i++) {
      const t = await runOurs(kind, dv);
      if (t === null) break;
      times.push(t);
    }
    const ours = times.length ? median(times) : null;
    if (ours === null) {
      note('PostgreSQL not reachable: skipped');
      continue;
    }
    note(`${kind}: Mailroom took ${ours.toFixed(2)} s`);
    const peerName = `${version} to a Maildir: ${peer.toFixed(2)} s`;
    report({ bench: 'imap-sync', metric: 'sync_10k_vs_mbsync', db: kind, value: ours / peer, unit: 'x', target: 3, ratio: ours / peer, peer: peerName });
    report({ bench: 'imap-sync', metric: 'sync_10k_s', db: kind, value: ours, unit: 's', target: Math.round(peer * 3 * 10) / 10, ratio: ours / peer, peer: peerName });
  }
} finally {
  await dv.stop();
}
