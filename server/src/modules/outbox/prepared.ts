import type { Db, Queryable, QueryResult } from '../../platform/db/index.ts';

/**
 * Per PGlite instance (one session): the statements prepared in it, by name (whether that
 * worked), and the names of those prepared with their values inlined, by their text.
 */
const sessions = new WeakMap<object, { ready: Map<string, Promise<boolean>>; inlined: Map<string, string> }>();

/**
 * Runs one of the worker's hot statements. On PGlite it is a prepared statement (PREPARE once per
 * instance, then EXECUTE): PGlite parses and plans every query anew, in WebAssembly on our own
 * thread, and for the claim (~1.1 ms) and the sent batch (~0.55 ms) that cost more than the rows
 * they write (measured: an EXECUTE of the prepared claim with nothing due takes ~0.2 ms). EXECUTE
 * takes no bind parameters, so the values go in as quoted literals (`literal`). PostgreSQL: a named
 * prepared statement through `Db.queryPrepared` (parsed once per connection; `sent` is told once it
 * is on the server's connection). A transaction handle gets the plain query (a failed PREPARE would
 * abort the caller's work). `types` are the parameters' types, in order, as PREPARE wants them.
 */
export async function runHot<T>(q: Queryable, name: string, types: string[], sql: string, params: unknown[], sent?: () => void): Promise<QueryResult<T>> {
  const db = q as Partial<Db>;
  if (db.kind === 'postgres' && db.queryPrepared) return db.queryPrepared<T>(name, sql, params, sent);
  if (db.kind !== 'pglite') return q.query<T>(sql, params);
  if (!(await prepare(q, name, `prepare ${name} (${types.join(', ')}) as ${sql}`))) return q.query<T>(sql, params);
  return q.query<T>(`execute ${name} (${params.map(literal).join(', ')})`);
}

/** At most this many statements `runHotInlined` prepares per instance (one per set of values). */
const MAX_INLINED = 64;

/**
 * `runHot` for a statement whose plan depends on its values (the claim's LIMIT). PostgreSQL: as
 * `runHot`. PGlite: prepared once per set of values, written into it as literals, so it has no parameters and PostgreSQL plans it once
 * with the values known. With parameters it would, after five runs, compare a generic plan (which
 * guesses a LIMIT as 10% of the rows) with the custom ones, and with many kept `sent` rows it
 * chose to plan every run anew, losing what preparing saves. Callers keep the sets of values few
 * (the worker claims in powers of two on PGlite); past MAX_INLINED the plain query runs.
 */
export async function runHotInlined<T>(q: Queryable, name: string, types: string[], sql: string, params: unknown[]): Promise<QueryResult<T>> {
  const db = q as Partial<Db>;
  if (db.kind === 'postgres' && db.queryPrepared) return db.queryPrepared<T>(name, sql, params);
  if (db.kind !== 'pglite') return q.query<T>(sql, params);
  const text = sql.replace(/\$(\d+)\b/g, (_, n: string) => {
    if (Number(n) > types.length) throw new Error(`no type for $${n}`);
    return `(${literal(params[Number(n) - 1])}::${types[Number(n) - 1]})`;
  });
  const { inlined } = session(q);
  let slot = inlined.get(text);
  if (!slot) {
    if (inlined.size >= MAX_INLINED) return q.query<T>(sql, params);
    inlined.set(text, (slot = `${name}_${inlined.size}`));
  }
  if (!(await prepare(q, slot, `prepare ${slot} as ${text}`))) return q.query<T>(sql, params);
  return q.query<T>(`execute ${slot}`);
}

function session(q: Queryable) {
  let s = sessions.get(q);
  if (!s) sessions.set(q, (s = { ready: new Map(), inlined: new Map() }));
  return s;
}

/** Prepares a statement in this instance once; false if that failed (never expected: the plain query then reports the error itself). */
function prepare(q: Queryable, name: string, statement: string) {
  const { ready } = session(q);
  let done = ready.get(name);
  if (!done) ready.set(name, (done = q.query(statement).then(() => true, () => false)));
  return done;
}

/** A text value as an SQL literal: an E'' string (backslashes and quotes escaped), whatever standard_conforming_strings says. */
const quote = (s: string) => `E'${s.replace(/\u0000/g, '').replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * A value as an SQL literal for EXECUTE: null, a finite number, a string, or an array of those (as
 * an array literal, each element double-quoted). EXECUTE casts the literal to the parameter's type,
 * as a bind parameter would be. NUL characters are dropped (PostgreSQL text cannot hold them).
 */
export function literal(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
    return `'${v}'`;
  }
  if (typeof v === 'string') return quote(v);
  if (Array.isArray(v))
    return quote(`{${v.map((e) => (e === null || e === undefined ? 'NULL' : `"${String(e).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`);
  throw new Error(`no SQL literal for ${typeof v}`);
}
