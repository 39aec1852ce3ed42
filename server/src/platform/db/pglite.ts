import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { PGlite } from '@electric-sql/pglite';
import { PgliteThread, type TxRequest } from './pglite-thread.ts';
import type { Db, QueryResult } from './types.ts';
import { makeTx } from './tx.ts';

export interface PgliteOptions {
  /** A data directory dump to start from (tests start each file from a migrated one). */
  template?: Blob;
  /** PostgreSQL shared_buffers in MiB; small by default, the embedded database serves one process. */
  sharedBuffersMb?: number;
}

/**
 * Creates a new data directory in a short-lived child process: initdb grows WebAssembly memory to
 * ~800 MiB, which a WebAssembly instance never gives back while it lives (and a worker thread's
 * heap is not fully returned to the system either).
 */
async function initInChild(dir: string) {
  const url = import.meta.resolve('@electric-sql/pglite');
  const code = `const { PGlite } = await import(${JSON.stringify(url)}); const db = await PGlite.create(${JSON.stringify(dir)}); await db.close();`;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`creating the embedded database failed (${code}): ${err.slice(0, 500)}`))));
  });
}

/**
 * Embedded PostgreSQL (PGlite): in memory when dir is undefined, else persisted in dir. It runs on a
 * thread of its own (`PgliteThread`); this is the `Db` over it.
 */
export async function openPglite(dir?: string, opts: PgliteOptions = {}): Promise<Db> {
  if (dir && !opts.template && !existsSync(join(dir, 'PG_VERSION'))) await initInChild(dir);
  const startParams = [
    ...(PGlite as unknown as { defaultStartParams: string[] }).defaultStartParams,
    '-c', `shared_buffers=${opts.sharedBuffersMb ?? 16}MB`,
    // a new WAL segment is not filled with zeros first: that was half of the bytes PGlite wrote for
    // the log in a first synchronisation, and PGlite does not sync to disk (-F) for it to matter
    '-c', 'wal_init_zero=off',
  ];
  const pg = await PgliteThread.start({ dir, template: opts.template, startParams });
  let txs = 0;
  return {
    kind: 'pglite',
    threadId: pg.tid,
    query: <T>(sql: string, params?: unknown[]) => pg.query<T>(sql, params),
    async tx(fn, opts) {
      const id = ++txs;
      const background = opts?.background === true;
      // an ordinary transaction holds PGlite from its begin, so its statements wait for their
      // answers blocking (see Db.tx) and nothing else in this process lengthens it; a background
      // one sends its statements at once, without waiting for the thread to say it began: they
      // wait there until it has, and should it fail to begin, they fail with its reason
      const begun = pg.call({ op: 'begin', tx: id });
      if (background) begun.catch(() => {});
      else await begun;
      const send = background ? <T>(req: TxRequest) => pg.call<T>(req) : async <T>(req: TxRequest) => pg.callBlocking<T>(req);
      const { tx, runAfterCommit } = makeTx({ query: <T>(sql: string, params?: unknown[]) => send<QueryResult<T>>({ op: 'query', sql, params, tx: id }) });
      let result;
      try {
        result = await fn(tx);
      } catch (err) {
        // gone with the thread, or ended already: the reason to give is fn's (or begin's)
        await send({ op: 'end', tx: id, commit: false }).catch(() => {});
        await begun;
        throw err;
      }
      await send({ op: 'end', tx: id, commit: true }).catch(async (err) => {
        await begun;
        throw err;
      });
      await runAfterCommit();
      return result;
    },
    exec: (sql) => pg.call({ op: 'exec', sql }),
    async listen(channel, cb) {
      let set = pg.listeners.get(channel);
      if (!set) {
        set = new Set();
        pg.listeners.set(channel, set);
        await pg.call({ op: 'listen', channel });
      }
      set.add(cb);
      return async () => {
        set.delete(cb);
        if (set.size || pg.listeners.get(channel) !== set) return;
        pg.listeners.delete(channel);
        await pg.call({ op: 'unlisten', channel }).catch(() => {});
      };
    },
    close: () => pg.close(),
    dump: async () => new Blob([await pg.call<ArrayBuffer>({ op: 'dump' })]),
  };
}
