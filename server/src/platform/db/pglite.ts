import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { PGlite } from '@electric-sql/pglite';
import type { Db } from './types.ts';
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

/** Embedded PostgreSQL (PGlite): in memory when dir is undefined, else persisted in dir. */
export async function openPglite(dir?: string, opts: PgliteOptions = {}): Promise<Db> {
  if (dir && !opts.template && !existsSync(join(dir, 'PG_VERSION'))) await initInChild(dir);
  const startParams = [...(PGlite as unknown as { defaultStartParams: string[] }).defaultStartParams, '-c', `shared_buffers=${opts.sharedBuffersMb ?? 16}MB`];
  // int8 and numeric come back as strings, as node-postgres returns them
  const pg = await PGlite.create(dir, { parsers: { 20: (v: string) => v, 1700: (v: string) => v }, loadDataDir: opts.template, startParams });
  const toResult = <T>(r: { rows: T[]; affectedRows?: number }) => ({ rows: r.rows, rowCount: r.affectedRows ?? r.rows.length });
  return {
    kind: 'pglite',
    query: async <T>(sql: string, params?: unknown[]) => toResult<T>(await pg.query<T>(sql, params)),
    async tx(fn) {
      let after: () => Promise<void> = async () => {};
      const result = await pg.transaction(async (t) => {
        const { tx, runAfterCommit } = makeTx({ query: async <T>(s: string, p?: unknown[]) => toResult<T>(await t.query<T>(s, p)) });
        after = runAfterCommit;
        return fn(tx);
      });
      await after();
      return result;
    },
    exec: async (sql) => void (await pg.exec(sql)),
    listen: async (channel, cb) => {
      const unsub = await pg.listen(channel, cb);
      return async () => unsub();
    },
    close: () => pg.close(),
    dump: () => pg.dumpDataDir('none'),
  };
}
