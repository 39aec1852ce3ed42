import type { Queryable, Tx } from './types.ts';

/** Wraps a connection already inside BEGIN; collects after-commit callbacks. */
export function makeTx(conn: Queryable): { tx: Tx; runAfterCommit: () => Promise<void> } {
  const hooks: (() => void | Promise<void>)[] = [];
  const tx: Tx = {
    query: (sql, params) => conn.query(sql, params),
    afterCommit: (fn) => void hooks.push(fn),
  };
  return {
    tx,
    runAfterCommit: async () => {
      for (const h of hooks) {
        try {
          await h();
        } catch {
          // an after-commit hook must not undo a committed change; hooks log their own failures
        }
      }
    },
  };
}
