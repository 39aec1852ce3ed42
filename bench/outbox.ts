// Draining the outgoing mail queue, against raw nodemailer pooled sending in the same run:
//   drain_rate_vs_raw      our rate / raw nodemailer's rate (target ≥ 0.8)
//   drain_rate_msgs_per_s  our messages per second (target: 0.8 × raw's), with raw's as the peer
// Both send 10,000 comparable messages (one recipient, From/To/Subject/Message-ID, a ~2 KB text body)
// over N kept-open connections (BENCH_OUTBOX_CONNECTIONS, default 8) to the same counting SMTP sink
// (lib/smtp-sink-process.ts, in its own process on loopback, no TLS, no sign-in).
// Raw: nodemailer.createTransport({ pool: true, maxConnections: N }) with 2 × N messages handed to it at
// a time (BENCH_OUTBOX_RAW_WINDOW), so a connection never waits for the next one; 500 untimed first
// (JIT, connections), then timed, just before ours on each database.
// Ours: Mailroom in-process with its workers (OUTBOX_CONCURRENCY = OUTBOX_PER_DESTINATION = N). The
// 10,000 messages are queued with enqueueMail (500 per transaction) while the system account is
// switched off; the clock starts when it is switched on (and the worker woken) and stops when every
// row is `sent` (the sink's count polled every 100 ms, then the rows); the sink must have taken
// exactly 10,000 more.
// BENCH_DB=pglite|postgres picks one database; BENCH_OUTBOX_MESSAGES scales the count.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config/index.ts';
import { enqueueMail, OUTBOX_CHANNEL } from '../server/src/modules/outbox/enqueue.ts';
import { saveSettings } from '../server/src/modules/outbox/settings.ts';
import { openPglite, openPostgres } from '../server/src/platform/db/index.ts';
import { freshDatabase } from './lib/postgres.ts';
import { note, report } from './lib/report.ts';
import { startSinkProcess } from './lib/smtp-sink.ts';

const COUNT = Number(process.env.BENCH_OUTBOX_MESSAGES ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_OUTBOX_CONNECTIONS ?? 8);
const RAW_WINDOW = Number(process.env.BENCH_OUTBOX_RAW_WINDOW ?? CONNECTIONS * 2);
const BATCH = 500;
const WARMUP = 500;
const TARGET = 0.8;
const TIMEOUT_MS = 10 * 60_000;
const FROM = { name: 'Mailroom Bench', address: 'noreply@bench.example' };

type Sink = Awaited<ReturnType<typeof startSinkProcess>>;

/** A ~2 KB plain-text body (wrapped lines, as a person writes), the same for both peers. */
const BODY = (() => {
  const words = 'the quarterly figures are attached please review the delivery schedule and confirm the invoice before friday'.split(' ');
  const lines: string[] = [];
  for (let i = 0, size = 0; size < 2000; i++) {
    const line = Array.from({ length: 12 }, (_, j) => words[(i * 7 + j) % words.length]).join(' ');
    lines.push(line);
    size += line.length + 2;
  }
  return lines.join('\n');
})();
const mail = (i: number) => ({ to: `recipient${i % 1000}@outside.example`, subject: `Bench message ${i} of the outgoing queue`, text: `Message ${i}.\n${BODY}` });

const NODEMAILER = JSON.parse(readFileSync(new URL('../node_modules/nodemailer/package.json', import.meta.url), 'utf8')).version as string;

/** CPU seconds a process has used so far (user + system, /proc). */
const cpuSeconds = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};
const selfCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Raw nodemailer: one pooled transport of N connections, a window of messages in flight; returns messages per second. */
async function runRaw(sink: Sink) {
  const transport = nodemailer.createTransport({ pool: true, maxConnections: CONNECTIONS, host: sink.host, port: sink.port, secure: false, ignoreTLS: true });
  try {
    await sink.idle(); // the last run's connections are gone
    let next = 0;
    const lanes = (count: number) =>
      Promise.all(
        Array.from({ length: RAW_WINDOW }, async () => {
          for (let i = next++; i < count; i = next++) {
            const m = mail(i);
            await transport.sendMail({ messageId: `<raw.${i}.${Date.now().toString(36)}@bench.example>`, from: FROM, to: [m.to], subject: m.subject, text: m.text });
          }
        }),
      );
    // warm up (JIT, connections) so the timed part is nodemailer at its steady rate
    await lanes(WARMUP);
    const before = (await sink.count(true)).messages;
    const cpu0 = [selfCpu(), cpuSeconds(sink.pid)];
    const t = performance.now();
    next = 0;
    await lanes(COUNT);
    const seconds = (performance.now() - t) / 1000;
    const cpu = [selfCpu() - cpu0[0], cpuSeconds(sink.pid) - cpu0[1]];
    const after = await sink.count();
    const got = after.messages - before;
    if (got !== COUNT) throw new Error(`raw nodemailer: the sink took ${got} messages, expected ${COUNT}`);
    note(`raw nodemailer: ${COUNT} in ${seconds.toFixed(2)} s = ${(COUNT / seconds).toFixed(0)}/s (CPU: bench ${cpu[0].toFixed(1)} s, sink ${cpu[1].toFixed(1)} s; at most ${after.peakConnections} connections)`);
    return COUNT / seconds;
  } finally {
    transport.close();
  }
}

/** Mailroom in-process with its workers: queues everything with sending off, then times the drain; returns messages per second. */
async function runOurs(kind: 'pglite' | 'postgres', sink: Sink) {
  const pg = kind === 'postgres' ? await freshDatabase() : null;
  if (kind === 'postgres' && !pg) return null;
  const dataDir = mkdtempSync(join(tmpdir(), 'mr-bench-outbox-'));
  const db = pg ? await openPostgres(pg.url, 10) : await openPglite(join(dataDir, 'pglite'));
  const m = await buildApp(
    loadConfig({ dataDir, logLevel: 'silent', serveWeb: false, workers: true, outboxConcurrency: CONNECTIONS, outboxPerDestination: CONNECTIONS }, {}),
    { db },
  );
  try {
    const org = (await db.query<{ id: string }>(`insert into orgs (name) values ('Bench') returning id`)).rows[0].id;
    // switched off while the queue fills: the worker claims only for organisations whose account is on
    await saveSettings(m.deps, org, {
      enabled: false, accountName: 'Bench', fromAddress: FROM.address, displayName: FROM.name, host: sink.host, port: sink.port,
      security: 'none', auth: 'none', afterSend: 'archive', archiveDays: 30,
    });
    const tq = performance.now();
    for (let start = 0; start < COUNT; start += BATCH)
      await db.tx(async (tx) => {
        for (let i = start; i < Math.min(COUNT, start + BATCH); i++) {
          const x = mail(i);
          await enqueueMail(m.deps, tx, { orgId: org, senderId: null, to: [x.to], subject: x.subject, text: x.text });
        }
      });
    note(`${kind}: ${COUNT} queued in ${((performance.now() - tq) / 1000).toFixed(1)} s`);
    if (kind === 'pglite') await db.exec('vacuum analyze'); // as maintenance would; PGlite has no autovacuum
    else await db.exec('analyze');
    await sink.idle(); // the raw peer's connections are gone
    const before = (await sink.count(true)).messages;
    const cpu0 = [selfCpu(), cpuSeconds(sink.pid)];

    // the clock starts when sending is switched on (the same as saveSettings does, without moving
    // the waiting mail to the destination it already has) and the worker is woken
    const t = performance.now();
    await db.query('update system_mail_settings set enabled = true, updated_at = now() where org_id = $1', [org]);
    await db.query('select pg_notify($1, $2)', [OUTBOX_CHANNEL, '']);
    // every 100 ms: the sink's count (costs the database nothing: on PGlite a query would share the
    // worker's thread); the statuses only every 5 s and once the sink has them all, then every 10 ms
    let told = 0;
    for (;;) {
      const elapsed = performance.now() - t;
      const atSink = (await sink.count()).messages - before;
      if (atSink >= COUNT || elapsed - told > 5000) {
        const { rows } = await db.query<{ status: string; n: number }>('select status, count(*)::int as n from outbox where org_id = $1 group by status', [org]);
        const n = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
        if (n('sent') === COUNT) break;
        if (n('failed') || n('deferred')) {
          const { rows: bad } = await db.query<{ problem: string; last_error: string }>(`select problem, last_error from outbox where status in ('failed', 'deferred') limit 1`);
          throw new Error(`${n('failed')} failed, ${n('deferred')} deferred: ${bad[0]?.problem} ${bad[0]?.last_error}`);
        }
        if (elapsed - told > 5000) {
          told = elapsed;
          note(`${kind}: ${n('sent')} sent after ${(elapsed / 1000).toFixed(0)} s`);
        }
        if (elapsed > TIMEOUT_MS) throw new Error(`not drained after ${TIMEOUT_MS / 60_000} min: ${JSON.stringify(rows)}`);
      }
      await new Promise((r) => setTimeout(r, atSink >= COUNT ? 10 : 100));
    }
    const seconds = (performance.now() - t) / 1000;
    const cpu = [selfCpu() - cpu0[0], cpuSeconds(sink.pid) - cpu0[1]];
    const after = await sink.count();
    const got = after.messages - before;
    if (got !== COUNT) throw new Error(`${kind}: the sink took ${got} messages, expected ${COUNT}`);
    note(`${kind}: Mailroom drained ${COUNT} in ${seconds.toFixed(2)} s = ${(COUNT / seconds).toFixed(0)}/s (CPU: bench ${cpu[0].toFixed(1)} s, sink ${cpu[1].toFixed(1)} s; at most ${after.peakConnections} connections)`);
    return COUNT / seconds;
  } finally {
    await m.close();
    await db.close();
    await pg?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const sink = await startSinkProcess();
try {
  const only = process.env.BENCH_DB;
  for (const kind of ['postgres', 'pglite'] as const) {
    if (only && only !== kind) continue;
    if (kind === 'postgres' && !(await freshDatabase().then(async (p) => (await p?.drop(), p !== null)))) {
      note('PostgreSQL not reachable: skipped');
      continue;
    }
    // each database against a raw run made just before, on the same warm sink
    note(`${kind}: raw nodemailer, ${CONNECTIONS} pooled connections, ${RAW_WINDOW} in flight…`);
    const raw = await runRaw(sink);
    const ours = await runOurs(kind, sink);
    if (ours === null) continue;
    const peer = `nodemailer ${NODEMAILER} pool, ${CONNECTIONS} connections (ours: OUTBOX_CONCURRENCY=OUTBOX_PER_DESTINATION=${CONNECTIONS}), ${COUNT} to a local smtp-server sink: ${raw.toFixed(0)} msgs/s`;
    report({ bench: 'outbox', metric: 'drain_rate_vs_raw', db: kind, value: ours / raw, unit: 'x', target: TARGET, ratio: ours / raw, peer }, false, 2);
    report({ bench: 'outbox', metric: 'drain_rate_msgs_per_s', db: kind, value: ours, unit: 'msgs/s', target: Math.round(raw * TARGET * 10) / 10, ratio: ours / raw, peer }, false);
  }
} finally {
  await sink.stop();
}
