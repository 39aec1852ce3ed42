// Mailroom for the chat bench, in its own process (`node --import tsx bench/lib/chat-mailroom-process.ts`),
// so its CPU and memory are its own: buildApp as `mailroom start` does (workers on, no web client),
// on DATABASE_URL or PGlite in DATA_DIR, listening on 127.0.0.1 (a random port). Prints `port N`.
// stdin commands, one a line:
//   setup USERS MEMBERS FILE  one organisation, USERS people, a group discussion of the first MEMBERS
//                             of them (made directly in the database, as server/test/chaos does), a
//                             user token for everyone (signUserToken, deps.secret); writes
//                             {orgId, discussionId, users: [{id, token}]} as JSON to FILE; answers `setup done`
//   mem                       answers `mem {process.memoryUsage()} connections N delivered N`
//   profile start             starts the V8 CPU profiler (node:inspector); answers `profile started`
//   profile stop FILE         writes the .cpuprofile to FILE; answers `profile written`
// Closing stdin or SIGTERM closes the app (m.close(), as `mailroom start` does) and exits.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createInterface } from 'node:readline';
import { buildApp } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config/index.ts';
import { signUserToken } from '../../server/src/modules/auth/user-token.ts';

const m = await buildApp(
  loadConfig({
    host: '127.0.0.1', port: 0, logLevel: 'warn', serveWeb: false, workers: true,
    dataDir: process.env.DATA_DIR, databaseUrl: process.env.DATABASE_URL || undefined, secretKey: process.env.SECRET_KEY,
  }),
);
await m.app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`port ${(m.app.server.address() as { port: number }).port}\n`);

async function setup(users: number, members: number, file: string) {
  const db = m.deps.db;
  const org = (await db.query<{ id: string }>(`insert into orgs (name) values ('Chat bench') returning id`)).rows[0].id;
  const ids = (
    await db.query<{ id: string }>(
      `insert into users (org_id, login, name, email) select $1, 'chat' || i, 'Chat Person ' || i, 'chat' || i || '@example.org'
         from generate_series(1, $2) i order by i returning id`,
      [org, users],
    )
  ).rows.map((r) => r.id);
  const group = ids.slice(0, members);
  const d = (await db.query<{ id: string }>(`insert into discussions (org_id, kind, title, created_by) values ($1, 'group', 'Everyone', $2) returning id`, [org, group[0]])).rows[0].id;
  await db.query(`insert into discussion_members (discussion_id, user_id) select $1, u from unnest($2::uuid[]) u`, [d, group]);
  await db.query(`insert into discussion_states (discussion_id, user_id) select $1, u from unnest($2::uuid[]) u`, [d, group]);
  const now = new Date();
  const out = [];
  for (const id of ids) out.push({ id, token: (await signUserToken(m.deps.secret, { userId: id, orgId: org, ttlSeconds: 4 * 3600, now })).token });
  writeFileSync(file, JSON.stringify({ orgId: org, discussionId: d, users: out }));
}

const inspector = new Session();
async function profile(what: string, file?: string) {
  if (what === 'start') {
    inspector.connect();
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.setSamplingInterval', { interval: 200 });
    await inspector.post('Profiler.start');
    return 'started';
  }
  const { profile } = await inspector.post('Profiler.stop');
  writeFileSync(file!, JSON.stringify(profile));
  inspector.disconnect();
  return 'written';
}

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await m.close();
  process.exit(0);
};
createInterface({ input: process.stdin })
  .on('line', (line) => {
    const [cmd, ...args] = line.trim().split(' ');
    if (cmd === 'setup')
      setup(Number(args[0]), Number(args[1]), args[2]).then(
        () => process.stdout.write('setup done\n'),
        (err) => process.stdout.write(`setup failed ${(err as Error).message.replace(/\n/g, ' ')}\n`),
      );
    else if (cmd === 'profile')
      profile(args[0], args[1]).then(
        (r) => process.stdout.write(`profile ${r}\n`),
        (err) => process.stdout.write(`profile failed ${(err as Error).message}\n`),
      );
    else if (cmd === 'mem') process.stdout.write(`mem ${JSON.stringify(process.memoryUsage())} connections ${m.deps.hub.connections} delivered ${m.deps.hub.delivered}\n`);
  })
  .on('close', () => void stop());
process.on('SIGTERM', () => void stop());
