// `npm test`: the whole suite.
//   1. type check
//   2. server tests on the embedded database (PGlite)
//   3. the same tests on PostgreSQL when TEST_DATABASE_URL is set (each run clones a fresh database),
//      then the outgoing queue's crash test (npm run test:crash) and the discussions chaos test at a
//      CI size (npm run test:chaos: 40 clients, 4,000 messages; the full 200 / 100,000 is its default)
//   4. the browser journeys in Debian's Chromium (skipped when /usr/bin/chromium is absent,
//      unless MAILROOM_E2E=required, which .ci/run sets); all of them again on PostgreSQL with
//      E2E_DATABASE_URL, or only the discussions journeys with E2E_PG_URL (which .ci/run sets)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (title, cmd, args, env = {}) => {
  process.stdout.write(`\n=== ${title}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, TZ: 'UTC', ...env } });
  if (r.status !== 0) {
    process.stderr.write(`\n${title}: failed\n`);
    process.exit(r.status ?? 1);
  }
};
const npx = (title, args, env) => run(title, 'npx', args, env);

npx('type check', ['tsc', '-p', 'tsconfig.json']);
npx('type check (web)', ['tsc', '-p', 'web/tsconfig.json']);
npx('server tests on PGlite', ['vitest', 'run', '--config', 'server/vitest.config.ts'], { TEST_DATABASE_URL: '' });
if (process.env.TEST_DATABASE_URL) {
  npx('server tests on PostgreSQL', ['vitest', 'run', '--config', 'server/vitest.config.ts']);
  // the outgoing queue under kill -9 (a server process killed 20 times while it sends)
  run('crash test: outgoing queue', 'npm', ['run', 'test:crash']);
  // discussions under cut connections and a server restart: lost=0 duplicated=0 order_violations=0
  run('chaos test: discussions', 'npm', ['run', 'test:chaos'], { CHAOS_CLIENTS: '40', CHAOS_MESSAGES: '4000' });
} else process.stdout.write('\n=== server tests on PostgreSQL, the crash and chaos tests: skipped (set TEST_DATABASE_URL)\n');

const chromium = existsSync('/usr/bin/chromium');
if (chromium || process.env.MAILROOM_E2E === 'required') {
  run('build the web client', 'npm', ['run', 'build', '-w', 'web']);
  npx('browser journeys (Chromium, PGlite)', ['vitest', 'run', '--config', 'e2e/vitest.config.ts'], { E2E_DATABASE_URL: '' });
  if (process.env.E2E_DATABASE_URL) npx('browser journeys (Chromium, PostgreSQL)', ['vitest', 'run', '--config', 'e2e/vitest.config.ts']);
  // the discussions journeys again on PostgreSQL (live delivery there goes through NOTIFY); E2E_PG_URL names an empty database
  else if (process.env.E2E_PG_URL)
    npx('discussions journeys (Chromium, PostgreSQL)', ['vitest', 'run', '--config', 'e2e/vitest.config.ts', ...['discussions', 'discussions-alerts', 'discussions-offline', 'discussion-widget'].map((n) => `e2e/specs/${n}.spec.ts`)], { E2E_DATABASE_URL: process.env.E2E_PG_URL });
} else process.stdout.write('\n=== browser journeys: skipped (no /usr/bin/chromium; apt-get install chromium)\n');
process.stdout.write('\nAll tests passed.\n');
