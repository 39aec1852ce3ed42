import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/platform/log.ts';
import { claim, enqueue, Worker, type ClaimedJob } from '../src/platform/jobs/index.ts';
import { openTestDb, type TestDb } from './harness/db.ts';
import { until } from './harness/wait.ts';

let t: TestDb;
const log = createLogger('silent');
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t.drop());

const status = async (id: string) =>
  (await t.db.query<{ status: string; attempts: number; last_error: string | null; run_at: Date }>('select status, attempts, last_error, run_at from jobs where id = $1', [id])).rows[0];

describe('jobs', () => {
  it('runs an enqueued job once and marks it done', async () => {
    const ran: unknown[] = [];
    const w = new Worker(t.db, { 'q-done': async (j) => void ran.push(j.payload) }, log, { workerId: 'w1', pollMs: 50 });
    await w.start();
    const id = await enqueue(t.db, { queue: 'q-done', payload: { n: 1 } });
    await until(async () => (await status(id)).status === 'done', 'job done');
    expect(ran).toEqual([{ n: 1 }]);
    await w.stop();
  });

  it('retries a failing job with backoff, then marks it failed with the error kept', async () => {
    const id = await enqueue(t.db, { queue: 'q-fail', maxAttempts: 3 });
    let attempts = 0;
    const w = new Worker(t.db, { 'q-fail': async () => { attempts++; throw new Error(`boom ${attempts}`); } }, log, { workerId: 'w2', pollMs: 20 });
    await w.start();
    await until(async () => (await status(id)).attempts === 1 && (await status(id)).status === 'queued', 'first failure');
    const after1 = await status(id);
    expect(after1.last_error).toBe('boom 1');
    expect(new Date(after1.run_at).getTime()).toBeGreaterThan(Date.now()); // backed off into the future
    for (let i = 0; i < 2; i++) {
      await t.db.query('update jobs set run_at = now() where id = $1', [id]); // skip the wait instead of sleeping
      w.poke();
      await until(async () => (await status(id)).attempts === i + 2 && (await status(id)).status !== 'running', `attempt ${i + 2}`);
    }
    expect(await status(id)).toMatchObject({ status: 'failed', attempts: 3, last_error: 'boom 3' });
    await w.stop();
  });

  it('keeps the lease of a job that runs longer than the lease, so it never runs twice', async () => {
    let release!: () => void;
    let runs = 0;
    const w = new Worker(t.db, { 'q-long': () => { runs++; return new Promise<void>((r) => (release = r)); } }, log, { workerId: 'w-long', leaseSeconds: 1, pollMs: 20 });
    await w.start();
    const id = await enqueue(t.db, { queue: 'q-long' });
    await until(() => runs === 1, 'job started');
    const lockedUntil = async () => new Date((await t.db.query<{ u: Date }>('select locked_until as u from jobs where id = $1', [id])).rows[0].u).getTime();
    const first = await lockedUntil();
    await until(async () => (await lockedUntil()) > first + 500, 'lease renewed', 5000);
    await until(() => Date.now() > first + 200, 'the first lease has run out');
    expect(await claim(t.db, ['q-long'], 'thief', 1, 60)).toEqual([]);
    release();
    await until(async () => (await status(id)).status === 'done', 'job done');
    expect(runs).toBe(1);
    await w.stop();
  });

  it('gives a job whose worker died back once its lease runs out', async () => {
    const id = await enqueue(t.db, { queue: 'q-lease' });
    const [first] = await claim(t.db, ['q-lease'], 'dead-worker', 1, 60);
    expect(first.id).toBe(id);
    expect(await claim(t.db, ['q-lease'], 'other', 1, 60)).toEqual([]); // leased
    await t.db.query(`update jobs set locked_until = now() - interval '1 second' where id = $1`, [id]);
    const [again] = await claim(t.db, ['q-lease'], 'other', 1, 60);
    expect(again).toMatchObject({ id, attempts: 2 });
  });

  it('never hands the same job to two workers claiming at once', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 200; i++) ids.add(await enqueue(t.db, { queue: 'q-race', payload: { i } }));
    const claimed: ClaimedJob[][] = await Promise.all(
      Array.from({ length: 8 }, (_, k) => (async () => {
        const mine: ClaimedJob[] = [];
        for (;;) {
          const got = await claim(t.db, ['q-race'], `racer-${k}`, 7, 60);
          if (!got.length) return mine;
          mine.push(...got);
        }
      })()),
    );
    const all = claimed.flat().map((j) => j.id);
    expect(all.length).toBe(200);
    expect(new Set(all)).toEqual(ids);
  });

  it('does not run a job enqueued in a transaction that rolls back', async () => {
    await t.db.tx(async (tx) => {
      await enqueue(tx, { queue: 'q-rollback' });
      throw new Error('abort');
    }).catch(() => {});
    expect(await claim(t.db, ['q-rollback'], 'w', 10, 60)).toEqual([]);
  });
});
