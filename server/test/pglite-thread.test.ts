import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Db } from '../src/platform/db/index.ts';

// PGlite runs on a thread of its own (platform/db/pglite-thread.ts); the Db over it must behave as
// the one connection it was before: errors with PostgreSQL's codes, transactions that commit or
// roll back whole, statements in order, binary parameters, notifications.
let db: Db;
beforeAll(async () => {
  db = await openPglite();
  await db.exec('create table t (id int primary key, note text, data bytea)');
});
afterAll(() => db.close());

describe('the embedded database on its own thread', () => {
  it("rejects with PostgreSQL's error code and details", async () => {
    await db.query('insert into t (id) values (1)');
    const dup = await db.query('insert into t (id) values (1)').catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(Error);
    expect(dup).toMatchObject({ code: '23505', constraint: 't_pkey', table: 't' });
    await expect(db.query('selec 1')).rejects.toMatchObject({ code: '42601' });
    await db.query('delete from t');
  });

  it('commits a transaction whole, in the order its statements were sent, and rolls one back whole', async () => {
    await db.tx(async (tx) => {
      // sent one after another without waiting: they run in order
      await Promise.all([1, 2, 3].map((i) => tx.query('insert into t (id, note) values ($1, (select count(*)::text from t))', [i])));
    });
    expect((await db.query<{ id: number; note: string }>('select id, note from t order by id')).rows).toEqual([
      { id: 1, note: '0' }, { id: 2, note: '1' }, { id: 3, note: '2' },
    ]);
    const failed = db.tx(async (tx) => {
      await tx.query('insert into t (id) values (4)');
      await tx.query('insert into t (id) values (1)');
    });
    await expect(failed).rejects.toMatchObject({ code: '23505' });
    const thrown = db.tx(async (tx) => {
      await tx.query('insert into t (id) values (5)');
      throw new Error('changed my mind');
    });
    await expect(thrown).rejects.toThrow('changed my mind');
    expect((await db.query<{ n: number }>('select count(*)::int as n from t')).rows[0].n).toBe(3);
    await db.query('delete from t');
  });

  it('runs a background transaction the same way, its statements answered without blocking', async () => {
    await db.tx(async (tx) => {
      await Promise.all([1, 2].map((i) => tx.query('insert into t (id, note) values ($1, (select count(*)::text from t))', [i])));
    }, { background: true });
    await expect(db.tx(async (tx) => {
      await tx.query('insert into t (id) values (3)');
      await tx.query('insert into t (id) values (1)');
    }, { background: true })).rejects.toMatchObject({ code: '23505' });
    expect((await db.query<{ id: number; note: string }>('select id, note from t order by id')).rows).toEqual([{ id: 1, note: '0' }, { id: 2, note: '1' }]);
    await db.query('delete from t');
  });

  it('lets other statements wait while a transaction is open, and runs after-commit hooks after it', async () => {
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const txDone = db.tx(async (tx) => {
      await tx.query('insert into t (id) values (10)');
      tx.afterCommit(() => void order.push('after commit'));
      await held;
      order.push('tx end');
    });
    const outside = db.query<{ n: number }>('select count(*)::int as n from t').then((r) => (order.push('outside'), r.rows[0].n));
    await new Promise((r) => setTimeout(r, 50));
    release();
    await txDone;
    // the statement outside waited for the commit, so it saw the row
    expect(await outside).toBe(1);
    expect(order).toEqual(['tx end', 'after commit', 'outside']);
    await db.query('delete from t');
  });

  it('sends Buffers as binary values: every byte of a bytea comes back as it went', async () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    await db.query('insert into t (id, data) values (1, $1)', [all]);
    const { rows } = await db.query<{ data: Uint8Array; hex: string }>("select data, encode(data, 'hex') as hex from t where id = 1");
    expect(Buffer.from(rows[0].data).equals(all)).toBe(true);
    expect(rows[0].hex).toBe(all.toString('hex'));
    await db.query('delete from t');
  });

  it('delivers notifications, and keeps the event loop free while a long statement runs', async () => {
    const got: string[] = [];
    const stop = await db.listen('pglite_thread_test', (p) => got.push(p));
    await db.tx(async (tx) => {
      await tx.query(`select pg_notify('pglite_thread_test', 'one')`);
    });
    for (let i = 0; i < 100 && !got.length; i++) await new Promise((r) => setTimeout(r, 10));
    expect(got).toEqual(['one']);
    await stop();
    let turns = 0;
    const timer = setInterval(() => turns++, 1);
    try {
      await db.query('select sum(i) from generate_series(1, 3000000) i');
    } finally {
      clearInterval(timer);
    }
    // on the server's own thread the statement held the loop: no timer ran until it ended
    expect(turns).toBeGreaterThan(1);
  });

  it('refuses work once closed, with a reason', async () => {
    const other = await openPglite();
    await other.close();
    await expect(other.query('select 1')).rejects.toThrow(/embedded database/);
  });
});
