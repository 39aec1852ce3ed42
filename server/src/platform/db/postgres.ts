import pg from 'pg';
import { HotConnections } from './hot-connections.ts';
import type { Db } from './types.ts';
import { makeTx } from './tx.ts';

/** A pool against a real PostgreSQL; LISTEN uses one dedicated connection that reconnects. */
export async function openPostgres(url: string, poolSize: number, onError: (e: Error) => void = () => {}): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', onError);
  await pool.query('select 1');

  const hot = new HotConnections(url, onError);
  const listeners = new Map<string, Set<(p: string) => void>>();
  const gapHandlers = new Set<() => void>();
  let lostListener = false;
  let listenClient: pg.Client | null = null;
  let closing = false;
  let connecting: Promise<pg.Client> | null = null;

  async function connectListener(): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => listeners.get(n.channel)?.forEach((cb) => cb(n.payload ?? '')));
    c.on('error', (e) => {
      onError(e);
      if (listenClient === c) listenClient = null;
      lostListener = true;
      if (!closing) setTimeout(() => void ensureListener().catch(onError), 500);
    });
    await c.connect();
    for (const ch of listeners.keys()) await c.query(`LISTEN "${ch}"`);
    return c;
  }
  function ensureListener(): Promise<pg.Client> {
    if (listenClient) return Promise.resolve(listenClient);
    connecting ??= connectListener().then(
      (c) => {
        listenClient = c;
        connecting = null;
        if (lostListener) {
          lostListener = false;
          gapHandlers.forEach((g) => g());
        }
        return c;
      },
      (e) => ((connecting = null), Promise.reject(e)),
    );
    return connecting;
  }

  return {
    kind: 'postgres',
    query: async (sql, params) => {
      const r = await pool.query(sql, params as unknown[]);
      return { rows: r.rows, rowCount: r.rowCount ?? 0 };
    },
    async tx(fn) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const { tx, runAfterCommit } = makeTx({
          query: async (s, p) => {
            const r = await client.query(s, p as unknown[]);
            return { rows: r.rows, rowCount: r.rowCount ?? 0 };
          },
        });
        let result;
        try {
          result = await fn(tx);
          await client.query('COMMIT');
        } catch (e) {
          await client.query('ROLLBACK').catch(() => (broken = true));
          throw e;
        }
        await runAfterCommit();
        return result;
      } finally {
        client.release(broken);
      }
    },
    exec: async (sql) => void (await pool.query(sql)),
    queryPrepared: async (name, sql, params, sent) => {
      const h = hot.take();
      const client = h?.client ?? (await pool.connect());
      let failed: Error | undefined;
      try {
        // an idle connection writes the statement out within query()
        const running = client.query({ name, text: sql, values: params });
        sent?.();
        const r = await running;
        return { rows: r.rows, rowCount: r.rowCount ?? 0 };
      } catch (e) {
        failed = e as Error;
        throw e;
      } finally {
        if (h) hot.give(h, failed !== undefined && !(failed instanceof pg.DatabaseError));
        else (client as pg.PoolClient).release(failed);
      }
    },
    async listen(channel, cb, onGap) {
      if (onGap) gapHandlers.add(onGap);
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
      let set = listeners.get(channel);
      const fresh = !set;
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(cb);
      const c = await ensureListener();
      if (fresh) await c.query(`LISTEN "${channel}"`);
      return async () => {
        set!.delete(cb);
        if (onGap) gapHandlers.delete(onGap);
      };
    },
    async close() {
      closing = true;
      await hot.close();
      await listenClient?.end().catch(() => {});
      await pool.end();
    },
  };
}
