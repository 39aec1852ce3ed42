// `npm run test:crash`: the outgoing queue survives kill -9.
// 10,000 messages are queued on PostgreSQL; a Mailroom server process drains them to a local SMTP
// sink and is killed (SIGKILL) at 20 random moments while it sends, then started again. At the end
// every message must have reached a final state (sent, or failed with a reason), every "sent" one
// must be at the sink, and a message the sink got twice must be one a killed worker had in hand
// (logged `lease-expired`: the crash fell between the server's 250 and our commit).
// Prints `lost=0 duplicates=N kills=20` and exits non-zero when anything is lost or unexplained.
// TEST_DATABASE_URL (or postgres://postgres@127.0.0.1:5432/postgres) names the server to use.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../../src/config/index.ts';
import { enqueueMail } from '../../src/modules/outbox/enqueue.ts';
import { saveSettings } from '../../src/modules/outbox/settings.ts';
import { loadSealingKey, Sealer } from '../../src/platform/crypto/seal.ts';
import { migrate, openPostgres } from '../../src/platform/db/index.ts';
import { startSink } from '../harness/smtp-sink.ts';

const COUNT = Number(process.env.CRASH_MESSAGES ?? 10_000);
const KILLS = Number(process.env.CRASH_KILLS ?? 20);
const here = dirname(fileURLToPath(import.meta.url));
const log = (s: string) => process.stdout.write(`[crash] ${s}\n`);

const base = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `mr_crash_${Date.now()}`;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`create database ${name}`);
const url = new URL(base);
url.pathname = `/${name}`;
const dataDir = mkdtempSync(join(tmpdir(), 'mr-crash-'));
const sink = await startSink();
const db = await openPostgres(url.toString(), 4);
let exitCode = 1;
try {
  await migrate(db);
  const config = loadConfig({ dataDir }, {});
  const org = (await db.query<{ id: string }>(`insert into orgs (name) values ('Crash') returning id`)).rows[0].id;
  const sealer = new Sealer(loadSealingKey(config.mailSecretsKey, join(dataDir, 'mail-secrets.key')));
  await saveSettings({ db, sealer }, org, {
    enabled: true, accountName: 'Crash', fromAddress: 'noreply@crash.example', displayName: 'Crash test', host: sink.host, port: sink.port, security: 'none', auth: 'none',
    afterSend: 'archive', archiveDays: 1,
  });
  for (let i = 0; i < COUNT; i += 500)
    await db.tx(async (tx) => {
      for (let j = i; j < Math.min(COUNT, i + 500); j++) await enqueueMail({ config }, tx, { orgId: org, senderId: null, to: [`r${j}@outside.example`], subject: `crash ${j}`, text: `message ${j}\n`.repeat(20) });
    });
  log(`${COUNT} messages queued`);

  const count = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0].n;
  const start = () =>
    spawn(process.execPath, ['--import', 'tsx', join(here, '../../src/main.ts'), 'start'], {
      cwd: join(here, '../..'),
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env, DATABASE_URL: url.toString(), DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'error', SERVE_WEB: 'false', WORKERS: 'true',
        OUTBOX_LEASE_SECONDS: '5', OUTBOX_RETRY_SECONDS: '1', OUTBOX_TIMEOUT_MS: '5000', ADMIN_PASSWORD: 'crash-test-password-1',
      },
    });
  const exited = (p: ChildProcess) => new Promise<void>((resolve) => (p.exitCode !== null || p.signalCode !== null ? resolve() : p.once('exit', () => resolve())));

  let kills = 0;
  let rate = 1000; // messages a second, the highest seen between a first delivery and a kill
  while (kills < KILLS) {
    const before = sink.received.length;
    const p = start();
    // kill only while it sends: once it has delivered something since it started, at a random moment
    // within the time an even share of what is left takes at the rate seen so far (so every kill falls
    // inside the drain however fast it goes; at most 1.5 s)
    for (let t = Date.now(); sink.received.length === before; await new Promise((r) => setTimeout(r, 20))) {
      if (Date.now() - t > 60_000) throw new Error('the server sent nothing for a minute after starting');
    }
    const left = COUNT - (await count(`select count(*)::int as n from outbox where status in ('sent', 'failed')`));
    const window = Math.min(1500, (left / (KILLS - kills + 1) / rate) * 1000);
    const sentFrom = { n: sink.received.length, t: Date.now() };
    await new Promise((r) => setTimeout(r, Math.random() * window));
    if (Date.now() - sentFrom.t > 50) rate = Math.max(rate, ((sink.received.length - sentFrom.n) / (Date.now() - sentFrom.t)) * 1000);
    p.kill('SIGKILL');
    await exited(p);
    kills++;
    const done = await count(`select count(*)::int as n from outbox where status in ('sent', 'failed')`);
    log(`kill ${kills}: ${done} of ${COUNT} final, the sink has ${sink.received.length}`);
    if (done === COUNT) throw new Error('the queue drained before every kill was made: queue more messages');
  }
  const last = start();
  for (let t = Date.now(); (await count(`select count(*)::int as n from outbox where status in ('sent', 'failed')`)) < COUNT; await new Promise((r) => setTimeout(r, 250))) {
    if (Date.now() - t > 10 * 60_000) throw new Error('not drained ten minutes after the last restart');
  }
  last.kill('SIGTERM');
  await exited(last);

  const got = new Map<string, number>();
  for (const m of sink.received) got.set(m.messageId, (got.get(m.messageId) ?? 0) + 1);
  const rows = (await db.query<{ id: string; status: string; message_id: string; problem: string | null; expired: boolean }>(
    `select o.id::text, o.status, o.message_id, o.problem, exists (select 1 from outbox_log l where l.outbox_id = o.id and l.event = 'lease-expired') as expired from outbox o`,
  )).rows;
  const lost = rows.filter((r) => (r.status === 'sent' && !got.has(r.message_id)) || (r.status === 'failed' && !r.problem) || !['sent', 'failed'].includes(r.status));
  const duplicated = rows.filter((r) => (got.get(r.message_id) ?? 0) > 1);
  const duplicates = duplicated.reduce((n, r) => n + got.get(r.message_id)! - 1, 0);
  const unexplained = duplicated.filter((r) => !r.expired);
  const strangers = [...got.keys()].filter((mid) => !rows.some((r) => r.message_id === mid));
  process.stdout.write(`lost=${lost.length} duplicates=${duplicates} kills=${kills}\n`);
  if (unexplained.length) log(`duplicates without a killed worker behind them: ${unexplained.map((r) => r.id).join(', ')}`);
  if (strangers.length) log(`the sink got messages nobody queued: ${strangers.length}`);
  if (duplicates > kills) log(`more duplicates (${duplicates}) than kills (${kills})`);
  exitCode = lost.length || unexplained.length || strangers.length || duplicates > kills ? 1 : 0;
} finally {
  await db.close();
  await sink.stop();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
