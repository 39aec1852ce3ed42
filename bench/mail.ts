// Internal mail at size, on PGlite and PostgreSQL:
//   send_1000_recipients_ms   sending one message to a 1,000-member department (median of 10), through the command
//   bytes_per_extra_recipient growth of the mail tables (with indexes) per extra recipient: 1,000 recipients vs 1
//   inbox_page_p95_ms         GET a folder page (50) over HTTP (in-process) for a person holding 100,000 messages
//   search_p95_ms             GET /mail/search with a word, over 1,000,000 stored messages, for that person and for others
// BENCH_MAIL_MESSAGES (1,000,000) and BENCH_MAIL_HEAVY (100,000) scale the data set.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config/index.ts';
import { sendMessage } from '../server/src/modules/mail/index.ts';
import { ensureSystemFolders } from '../server/src/modules/mail/folders-store.ts';
import { openPglite, openPostgres, type Db } from '../server/src/platform/db/index.ts';
import { signUserToken } from '../server/src/modules/auth/user-token.ts';
import { generateMail, vocabulary } from './mail/generate.ts';
import { freshDatabase } from './lib/postgres.ts';
import { median, note, report } from './lib/report.ts';

const TOTAL = Number(process.env.BENCH_MAIL_MESSAGES ?? 1_000_000);
const HEAVY = Number(process.env.BENCH_MAIL_HEAVY ?? 100_000);
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
const MAIL_TABLES = ['mail_messages', 'mail_entries', 'mail_folders', 'mail_attachments', 'mail_search'];

async function tableBytes(db: Db) {
  const { rows } = await db.query<{ b: string }>(`select sum(pg_total_relation_size(t::regclass))::text as b from unnest($1::text[]) t`, [MAIL_TABLES]);
  return Number(rows[0].b);
}

async function run(kind: 'pglite' | 'postgres') {
  const dataDir = mkdtempSync(join(tmpdir(), 'mr-bench-mail-'));
  const pg = kind === 'postgres' ? await freshDatabase() : null;
  if (kind === 'postgres' && !pg) return note('PostgreSQL not reachable: skipped');
  const db = pg ? await openPostgres(pg.url, 10) : await openPglite(join(dataDir, 'pglite'));
  const m = await buildApp(loadConfig({ dataDir, logLevel: 'silent', serveWeb: false, workers: false, loginMaxFailures: 1_000_000 }, {}), { db });
  try {
    const d = m.deps;
    const org = (await db.query<{ id: string }>(`insert into orgs (name) values ('Bench') returning id`)).rows[0].id;
    const dept = (await db.query<{ id: string }>(`insert into departments (org_id, name) values ($1, 'Everyone') returning id`, [org])).rows[0].id;
    const { rows: people } = await db.query<{ id: string }>(
      `insert into users (org_id, login, name, email, role, department_id)
       select $1, 'b' || i, 'Bench Person ' || i, 'b' || i || '@bench.local', 'user', $2 from generate_series(1, 1000) i returning id`,
      [org, dept],
    );
    const ids = people.map((p) => p.id);
    await ensureSystemFolders(db, ids);
    const sender = { kind: 'user' as const, userId: ids[0], orgId: org, login: 'b1', role: 'user' as const, via: 'session' as const };
    const compose = (to: { kind: 'user' | 'department'; id: string }[]) => ({ to, cc: [], bcc: [], subject: 'Quarterly budget', html: '<p>Numbers attached.</p>', importance: 'normal' as const, attachments: [] });

    // send to 1,000 (warm up once, then the median of 10)
    await sendMessage(d, sender, compose([{ kind: 'department', id: dept }]));
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      await sendMessage(d, sender, compose([{ kind: 'department', id: dept }]));
      times.push(performance.now() - t);
    }
    report({ bench: 'mail', metric: 'send_1000_recipients_ms', db: kind, value: median(times), unit: 'ms', target: 150 });

    // storage per extra recipient: 20 messages to one person vs 20 to 1,000
    const b0 = await tableBytes(db);
    for (let i = 0; i < 20; i++) await sendMessage(d, sender, compose([{ kind: 'user', id: ids[1] }]));
    const b1 = await tableBytes(db);
    for (let i = 0; i < 20; i++) await sendMessage(d, sender, compose([{ kind: 'department', id: dept }]));
    const b2 = await tableBytes(db);
    const perRecipient = (b2 - b1 - (b1 - b0)) / 20 / 999;
    report({ bench: 'mail', metric: 'bytes_per_extra_recipient', db: kind, value: perRecipient, unit: 'bytes', target: 300 });

    // the big mailbox: 1,000,000 messages, 100,000 of them to one person
    note(`${kind}: generating ${TOTAL.toLocaleString('en')} messages (${HEAVY.toLocaleString('en')} to one person)…`);
    const heavy = ids[2];
    await generateMail(db, { orgId: org, senderId: ids[0], senderName: 'Bench Person 1', heavyUser: heavy, heavyCount: HEAVY, others: ids.slice(3), total: TOTAL });
    // sessions without a password: mint a user token (the API accepts it as a person)
    const auth = async (userId: string) => `Bearer ${(await signUserToken(d.secret, { userId, orgId: org, ttlSeconds: 3600, now: new Date() })).token}`;
    const heavyAuth = await auth(heavy);
    const inbox = (await db.query<{ id: string }>(`select id from mail_folders where user_id = $1 and role = 'inbox'`, [heavy])).rows[0].id;
    const get = async (url: string, authorization: string) => {
      const t = performance.now();
      const r = await m.app.inject({ method: 'GET', url, headers: { authorization } });
      const ms = performance.now() - t;
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
      return { ms, body: r.json() };
    };
    // pages: the first page and pages deeper in, following cursors
    const pageTimes: number[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 20; i++) await get(`/api/v1/mail/folders/${inbox}/messages?limit=50`, heavyAuth); // warm
    for (let i = 0; i < 200; i++) {
      const r = await get(`/api/v1/mail/folders/${inbox}/messages?limit=50${cursor && i % 4 ? `&cursor=${cursor}` : ''}`, heavyAuth);
      pageTimes.push(r.ms);
      cursor = r.body.nextCursor;
    }
    report({ bench: 'mail', metric: 'inbox_page_p95_ms', db: kind, value: p95(pageTimes), unit: 'ms', target: 20 });

    // search: words from the vocabulary, for the heavy person and for ordinary ones
    const searchTimes: number[] = [];
    const others = await Promise.all(ids.slice(3, 23).map(auth));
    for (let i = 0; i < 220; i++) {
      const word = vocabulary[(i * 37) % vocabulary.length];
      const who = i % 2 ? heavyAuth : others[i % others.length];
      const r = await get(`/api/v1/mail/search?q=${encodeURIComponent(word)}&limit=50`, who);
      if (i >= 20) searchTimes.push(r.ms); // the first 20 warm up
    }
    report({ bench: 'mail', metric: 'search_p95_ms', db: kind, value: p95(searchTimes), unit: 'ms', target: 50 });
  } finally {
    await m.close();
    await db.close();
    await pg?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const only = process.env.BENCH_DB;
if (!only || only === 'postgres') await run('postgres');
if (!only || only === 'pglite') await run('pglite');
