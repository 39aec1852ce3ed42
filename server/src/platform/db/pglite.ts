import { PGlite } from '@electric-sql/pglite';
import type { Db } from './types.ts';
import { makeTx } from './tx.ts';

/**
 * Embedded PostgreSQL (PGlite): in memory when dir is undefined, else persisted in dir.
 * `template` is a data directory dump (tests start each file from a migrated one).
 */
export async function openPglite(dir?: string, template?: Blob): Promise<Db> {
  // int8 and numeric come back as strings, as node-postgres returns them
  const pg = await PGlite.create(dir, { parsers: { 20: (v: string) => v, 1700: (v: string) => v }, loadDataDir: template });
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
