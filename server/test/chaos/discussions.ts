// `npm run test:chaos`: discussions under cut connections and a server restart.
// 200 simulated clients (one person each, in groups of 10) post 100,000 messages in total through a
// Mailroom server process on PostgreSQL, each over HTTP with its own client ids, while receiving
// every message of its group over the WebSocket event stream (the SDK's EventStream). Every 2-5 s a
// client's socket is cut and its request in flight aborted (its answer lost: it resends with the
// same client id); once, halfway, the server is killed (SIGKILL) and started again.
// Afterwards: every message is stored exactly once; every member received every message of its
// group exactly once, in the group's order. Prints `lost=0 duplicated=0 order_violations=0`.
// CHAOS_CLIENTS, CHAOS_MESSAGES change the size; TEST_DATABASE_URL names the PostgreSQL server.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import WebSocket from 'ws';
import { EventStream } from '../../../sdk/src/events.ts';
import { loadSecret } from '../../src/modules/auth/index.ts';
import { signUserToken } from '../../src/modules/auth/user-token.ts';
import { migrate, openPostgres } from '../../src/platform/db/index.ts';

const CLIENTS = Number(process.env.CHAOS_CLIENTS ?? 200);
const MESSAGES = Number(process.env.CHAOS_MESSAGES ?? 100_000);
const GROUP = 10;
const PER_CLIENT = Math.ceil(MESSAGES / CLIENTS);
const SECRET = 'chaos-test-secret-key-0123456789abcdef';
const here = dirname(fileURLToPath(import.meta.url));
const log = (s: string) => process.stdout.write(`[chaos] ${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

const base = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `mr_chaos_${Date.now()}`;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`create database ${name}`);
const url = new URL(base);
url.pathname = `/${name}`;
const dataDir = mkdtempSync(join(tmpdir(), 'mr-chaos-'));
const db = await openPostgres(url.toString(), 4);
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
let server = null as ChildProcess | null;
let exitCode = 1;

const startServer = () => {
  server = spawn(process.execPath, ['--import', 'tsx', join(here, '../../src/main.ts'), 'start'], {
    cwd: join(here, '../..'),
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DATABASE_URL: url.toString(), DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'error', SERVE_WEB: 'false', SECRET_KEY: SECRET, ADMIN_PASSWORD: 'chaos-admin-password-1', EVENTS_RESUME_LIMIT: '100000' },
  });
};
const ready = async () => {
  for (let t = Date.now(); Date.now() - t < 60_000; await sleep(100)) {
    const ok = await fetch(`${origin}/readyz`).then((r) => r.ok, () => false);
    if (ok) return;
  }
  throw new Error('the server did not start');
};

interface Client {
  userId: string;
  token: string;
  discussionId: string;
  stream: EventStream | null;
  inflight: AbortController | null;
  sent: { clientId: string; id: string; seq: number }[];
  received: Map<string, number>; // message id → seq
  lastSeq: number;
  duplicates: number;
  violations: number;
  resyncs: number;
}

try {
  await migrate(db);
  const secret = await loadSecret(db, SECRET);
  const org = (await db.query<{ id: string }>(`insert into orgs (name) values ('Chaos') returning id`)).rows[0].id;
  const users = (
    await db.query<{ id: string }>(
      `insert into users (org_id, login, name, email) select $1, 'chaos' || i, 'Chaos ' || i, 'chaos' || i || '@example.org' from generate_series(1, $2) i returning id`,
      [org, CLIENTS],
    )
  ).rows.map((r) => r.id);
  const clients: Client[] = [];
  for (let g = 0; g < CLIENTS; g += GROUP) {
    const members = users.slice(g, g + GROUP);
    const d = (await db.query<{ id: string }>(`insert into discussions (org_id, kind, title, created_by) values ($1, 'group', $2, $3) returning id`, [org, `Group ${g / GROUP}`, members[0]])).rows[0].id;
    await db.query(`insert into discussion_members (discussion_id, user_id) select $1, u from unnest($2::uuid[]) u`, [d, members]);
    await db.query(`insert into discussion_states (discussion_id, user_id) select $1, u from unnest($2::uuid[]) u`, [d, members]);
    for (const u of members) {
      const { token } = await signUserToken(secret, { userId: u, orgId: org, ttlSeconds: 7200, now: new Date() });
      clients.push({ userId: u, token, discussionId: d, stream: null, inflight: null, sent: [], received: new Map(), lastSeq: 0, duplicates: 0, violations: 0, resyncs: 0 });
    }
  }
  log(`${CLIENTS} clients in ${CLIENTS / GROUP} groups, ${PER_CLIENT} messages each`);
  startServer();
  await ready();

  const fill = async (c: Client) => {
    // the stream could not replay what was missed: fetch it (what a real client does on resync)
    for (;;) {
      const r = await fetch(`${origin}/api/v1/discussions/${c.discussionId}/messages?after=${c.lastSeq}&limit=200`, { headers: { authorization: `Bearer ${c.token}` } }).catch(() => null);
      if (!r?.ok) return;
      const page = (await r.json()) as { items: { id: string; seq: number }[] };
      for (const m of page.items) take(c, m.id, m.seq);
      if (page.items.length < 200) return;
    }
  };
  const seqVia = new Map<string, string>();
  const take = (c: Client, id: string, seq: number, via = 'fill') => {
    if (c.received.has(id)) return void c.duplicates++;
    if (seq <= c.lastSeq) {
      c.violations++;
      if (process.env.CHAOS_DEBUG) log(`order: ${c.userId.slice(0, 8)} got seq ${seq} after ${c.lastSeq} (${c.discussionId.slice(0, 8)}) via ${via}, ${c.lastSeq} via ${seqVia.get(`${c.discussionId}:${c.lastSeq}`)}`);
    }
    if (!seqVia.has(`${c.discussionId}:${seq}`)) seqVia.set(`${c.discussionId}:${seq}`, via);
    c.received.set(id, seq);
    c.lastSeq = Math.max(c.lastSeq, seq);
  };
  for (const c of clients) {
    c.stream = new EventStream({
      url: `${origin.replace('http', 'ws')}/api/v1/events/ws`, token: c.token, WebSocket: WebSocket as never, maxBackoffMs: 1000,
      onEvent: (e) => {
        if (e.type !== 'discussion.message') return;
        const m = (e.payload as { message: { id: string; seq: number; discussionId: string } }).message;
        if (m.discussionId === c.discussionId) take(c, m.id, m.seq, `event ${e.id}`);
      },
      onResync: () => {
        c.resyncs++;
        void fill(c);
      },
    });
  }
  await Promise.all(clients.map((c) => new Promise<void>((r) => { const t = setInterval(() => c.stream!.status === 'open' && (clearInterval(t), r()), 20); })));

  let done = 0;
  let restarted = false;
  // cuts: every 2-5 s each client loses its socket and the answer of the request in flight
  const cutters = clients.map((c) => {
    const cut = () => {
      c.stream?.reconnect();
      c.inflight?.abort();
      timer = setTimeout(cut, 2000 + Math.random() * 3000);
    };
    let timer = setTimeout(cut, 2000 + Math.random() * 3000);
    return () => clearTimeout(timer);
  });
  const send = async (c: Client, i: number) => {
    const clientId = `${c.userId.slice(0, 8)}-${i}`;
    for (let attempt = 0; ; attempt++) {
      const ac = new AbortController();
      c.inflight = ac;
      const timeout = setTimeout(() => ac.abort(), 15_000);
      try {
        const r = await fetch(`${origin}/api/v1/discussions/${c.discussionId}/messages`, {
          method: 'POST', signal: ac.signal, headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ clientId, text: `message ${i} from ${c.userId}` }),
        });
        if (r.status === 200 || r.status === 201) {
          const m = (await r.json()) as { id: string; seq: number };
          c.sent.push({ clientId, id: m.id, seq: m.seq });
          return;
        }
        if (r.status < 500) throw new Error(`POST answered ${r.status}: ${await r.text()}`);
      } catch (err) {
        if ((err as Error).message.startsWith('POST answered')) throw err;
      } finally {
        clearTimeout(timeout);
        c.inflight = null;
      }
      await sleep(Math.min(1000, 50 * 2 ** Math.min(attempt, 5)));
    }
  };
  const t0 = Date.now();
  const progress = setInterval(() => log(`${done} of ${PER_CLIENT * CLIENTS} sent after ${((Date.now() - t0) / 1000).toFixed(0)} s`), 10_000);
  await Promise.all(
    clients.map(async (c) => {
      for (let i = 0; i < PER_CLIENT; i++) {
        await send(c, i);
        done++;
        if (!restarted && done >= (PER_CLIENT * CLIENTS) / 2) {
          restarted = true;
          log('killing the server halfway');
          server!.kill('SIGKILL');
          await new Promise((r) => server!.once('exit', r));
          startServer();
        }
      }
    }),
  );
  clearInterval(progress);
  for (const stop of cutters) stop();
  log(`all sent in ${((Date.now() - t0) / 1000).toFixed(0)} s; waiting for every member to have every message`);

  const last = new Map((await db.query<{ id: string; seq: string }>('select id, last_seq::text as seq from discussions where org_id = $1', [org])).rows.map((r) => [r.id, Number(r.seq)]));
  for (let t = Date.now(); clients.some((c) => c.received.size < last.get(c.discussionId)!) && Date.now() - t < 120_000; await sleep(500)) {
    // a client still behind after a while asks for what it lacks, as the web client does on reconnect
    if (Date.now() - t > 20_000) await Promise.all(clients.filter((c) => c.received.size < last.get(c.discussionId)!).map(fill));
  }
  for (const c of clients) c.stream?.close();

  const stored = await db.query<{ author_id: string; client_id: string; n: number }>(
    `select m.author_id, m.client_id, count(*)::int as n from discussion_messages m join discussions d on d.id = m.discussion_id where d.org_id = $1 group by 1, 2`,
    [org],
  );
  const byClient = new Map(stored.rows.map((r) => [`${r.author_id}:${r.client_id}`, r.n]));
  let lost = 0;
  let duplicated = 0;
  let order = 0;
  for (const c of clients) {
    for (const s of c.sent) if (!byClient.has(`${c.userId}:${s.clientId}`)) lost++;
    // one's own messages got rising numbers in the order they were sent
    for (let i = 1; i < c.sent.length; i++) if (c.sent[i].seq <= c.sent[i - 1].seq) order++;
    lost += Math.max(0, last.get(c.discussionId)! - c.received.size);
    duplicated += c.duplicates;
    order += c.violations;
  }
  duplicated += stored.rows.filter((r) => r.n > 1).length;
  const total = stored.rows.length;
  if (total !== PER_CLIENT * CLIENTS) lost += Math.max(0, PER_CLIENT * CLIENTS - total);
  const resyncs = clients.reduce((n, c) => n + c.resyncs, 0);
  log(`${total} messages stored; ${resyncs} resyncs`);
  process.stdout.write(`lost=${lost} duplicated=${duplicated} order_violations=${order}\n`);
  exitCode = lost || duplicated || order ? 1 : 0;
} finally {
  (server as ChildProcess | null)?.kill("SIGTERM");
  await db.close();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
