import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { QueryResult } from './types.ts';

/**
 * The thread's code (CommonJS, run with `eval`, so the bundled server needs no file of its own for
 * it). It opens PGlite and answers numbered requests: queries, transactions (`begin`, the
 * transaction's queries in order, `end` with commit or rollback), scripts, LISTEN, dumps, close.
 * Notifications go out as `{ notify, payload }` the moment PGlite hands them over (after a
 * blocking transaction's commit they arrive a turn of the event loop later).
 *
 * A Buffer parameter goes in PostgreSQL's binary form, as node-postgres sends it: a bytea as is
 * (PGlite's own encoder spells it out in hex one byte at a time in JavaScript, which PostgreSQL
 * then decodes), a tsvector in the form `tsvector_recv` reads (`buildSearchDocs(..., true)`)
 * instead of a literal to parse. PGlite's protocol writer sends a byte array with the binary format code.
 */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const FIELDS = ['code', 'severity', 'detail', 'hint', 'position', 'where', 'schema', 'table', 'column', 'dataType', 'constraint', 'routine'];
const failure = (e) => {
  const o = { message: String((e && e.message) || e) };
  for (const k of FIELDS) if (e && e[k] !== undefined) o[k] = e[k];
  return o;
};
// answers to blocking requests go to a port of their own, and a shared flag wakes the waiting thread
const answer = (m, sync) => {
  if (!sync) return parentPort.postMessage(m);
  workerData.syncPort.postMessage(m);
  Atomics.store(workerData.flag, 0, 1);
  Atomics.notify(workerData.flag, 0);
};
const result = (r) => ({ rows: r.rows, rowCount: r.affectedRows ?? r.rows.length });
const ROLLBACK = Symbol('rollback');
(async () => {
  let pg;
  try {
    const { PGlite, types } = require(workerData.pglite);
    const asIs = (fallback) => (v) => (ArrayBuffer.isView(v) ? v : fallback(v));
    pg = await PGlite.create(workerData.dir, {
      // int8 and numeric come back as strings, as node-postgres returns them
      parsers: { 20: (v) => v, 1700: (v) => v },
      serializers: { [types.BYTEA]: asIs(types.serializers[types.BYTEA]), [types.TSVECTOR]: asIs(String) },
      loadDataDir: workerData.template,
      startParams: workerData.startParams,
    });
  } catch (e) {
    answer({ id: 0, error: failure(e) });
    return;
  }
  const txs = new Map();
  const listening = new Map();
  // a transaction's statements may arrive before PGlite is free to begin it: they wait in its inbox
  async function transaction(m) {
    const inbox = [];
    let wake = null;
    txs.set(m.tx, (q) => (wake ? (wake(q), (wake = null)) : inbox.push(q)));
    const next = () => (inbox.length ? Promise.resolve(inbox.shift()) : new Promise((r) => (wake = r)));
    let end = null;
    let begun = false;
    try {
      await pg.transaction(async (t) => {
        begun = true;
        answer({ id: m.id });
        for (;;) {
          const q = await next();
          if (q.op === 'end') {
            end = q;
            if (q.commit) return;
            throw ROLLBACK;
          }
          try {
            answer({ id: q.id, result: result(await t.query(q.sql, q.params)) }, q.sync);
          } catch (e) {
            answer({ id: q.id, error: failure(e) }, q.sync);
          }
        }
      });
      answer({ id: end.id }, end.sync);
    } catch (e) {
      if (!begun) {
        // it never began: so say to it and to every statement sent for it
        answer({ id: m.id, error: failure(e) });
        const refuse = (q) => {
          answer({ id: q.id, error: failure(e) }, q.sync);
          if (q.op === 'end') txs.delete(m.tx);
        };
        txs.set(m.tx, refuse);
        inbox.splice(0).forEach(refuse);
        return;
      }
      if (!end) answer({ id: m.id, error: failure(e) });
      else answer(e === ROLLBACK ? { id: end.id } : { id: end.id, error: failure(e) }, end.sync);
    }
    txs.delete(m.tx);
  }
  parentPort.on('message', async (m) => {
    try {
      if (m.tx !== undefined && m.op !== 'begin') {
        const push = txs.get(m.tx);
        if (push) return push(m);
        return answer({ id: m.id, error: { message: 'the transaction has ended' } }, m.sync);
      }
      switch (m.op) {
        case 'query':
          return answer({ id: m.id, result: result(await pg.query(m.sql, m.params)) });
        case 'begin':
          return await transaction(m);
        case 'exec':
          await pg.exec(m.sql);
          return answer({ id: m.id });
        case 'listen':
          if (!listening.has(m.channel)) listening.set(m.channel, await pg.listen(m.channel, (payload) => answer({ notify: m.channel, payload })));
          return answer({ id: m.id });
        case 'unlisten':
          await listening.get(m.channel)?.();
          listening.delete(m.channel);
          return answer({ id: m.id });
        case 'dump': {
          const bytes = await (await pg.dumpDataDir('none')).arrayBuffer();
          return parentPort.postMessage({ id: m.id, result: bytes }, [bytes]);
        }
        case 'close':
          await pg.close();
          return answer({ id: m.id });
      }
    } catch (e) {
      answer({ id: m.id, error: failure(e) });
    }
  });
  let tid = null;
  try {
    // Linux: this thread's id, for measurements (bench/imap-sync.ts reads its CPU time)
    tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  } catch {}
  answer({ id: 0, result: tid });
})();
`;

/** A transaction's statement, or its end. */
export type TxRequest = { op: 'query'; sql: string; params?: unknown[]; tx: number } | { op: 'end'; tx: number; commit: boolean };

type Request =
  | { op: 'query'; sql: string; params?: unknown[]; tx?: number }
  | { op: 'begin'; tx: number }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'exec'; sql: string }
  | { op: 'listen' | 'unlisten'; channel: string }
  | { op: 'dump' | 'close' };

interface Reply { id: number; result?: unknown; error?: { message: string } & Record<string, unknown>; notify?: string; payload?: string }

/** How long a blocking request waits for the thread before the database counts as stopped. */
const BLOCKING_WAIT_MS = 120_000;

export interface PgliteThreadOptions {
  dir?: string;
  template?: Blob;
  startParams: string[];
}

/**
 * PGlite on a worker thread of its own. PostgreSQL's work (WebAssembly, a few milliseconds a
 * message in a first synchronisation) then runs beside the server's own (IMAP, MIME parsing,
 * search documents, HTTP) on a second core, and the event loop stays free for requests while a
 * large statement runs. Each request is answered in order; a transaction holds PGlite (and so every
 * other request waits) from `begin` to `end`, as it does on a single connection.
 */
export class PgliteThread {
  private worker: Worker;
  private next = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private stopped: Error | null = null;
  private ready: Promise<unknown>;
  /** The thread's id on Linux (null elsewhere). */
  tid: number | null = null;
  /** LISTEN callbacks by channel. */
  readonly listeners = new Map<string, Set<(payload: string) => void>>();

  /** Blocking requests: their answers arrive on this port, and the thread raises the flag. */
  private syncPort: MessagePort;
  private flag = new Int32Array(new SharedArrayBuffer(4));

  private constructor(opts: PgliteThreadOptions) {
    const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    const { port1, port2 } = new MessageChannel();
    this.syncPort = port1;
    this.worker = new Worker(THREAD, { eval: true, workerData: { pglite, ...opts, syncPort: port2, flag: this.flag }, transferList: [port2] });
    this.worker.unref();
    this.ready = new Promise((resolve, reject) => this.pending.set(0, { resolve: (tid) => resolve((this.tid = tid as number | null)), reject }));
    this.worker.on('message', (r: Reply) => this.answer(r));
    const stop = (why: string) => {
      this.stopped ??= new Error(`the embedded database stopped: ${why}`);
      for (const p of this.pending.values()) p.reject(this.stopped);
      this.pending.clear();
    };
    this.worker.on('error', (e) => stop(e.message));
    this.worker.on('exit', (code) => stop(`its thread exited (${code})`));
  }

  static async start(opts: PgliteThreadOptions) {
    const t = new PgliteThread(opts);
    t.worker.ref();
    try {
      await t.ready;
    } catch (e) {
      await t.worker.terminate();
      throw e;
    } finally {
      t.worker.unref();
    }
    return t;
  }

  private answer(r: Reply) {
    if (r.notify !== undefined) {
      for (const cb of this.listeners.get(r.notify) ?? []) cb(r.payload ?? '');
      return;
    }
    const p = this.pending.get(r.id);
    if (!p) return;
    this.pending.delete(r.id);
    // the thread keeps the process alive only while a request is under way, as a socket would
    if (this.pending.size === 0) this.worker.unref();
    if (r.error) p.reject(Object.assign(new Error(r.error.message), r.error));
    else p.resolve(r.result);
  }

  call<T = void>(req: Request): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.next++;
    if (this.pending.size === 0) this.worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, ...req });
    });
  }

  /**
   * A transaction's statement (or its end), its answer waited for blocking this thread. Only for a
   * transaction that has begun: PGlite is then held for it and answers at once; a request that
   * waited for PGlite could wait for work of this very thread, which would be blocked.
   */
  callBlocking<T = void>(req: TxRequest): T {
    if (this.stopped) throw this.stopped;
    const id = this.next++;
    Atomics.store(this.flag, 0, 0);
    this.worker.postMessage({ id, ...req, sync: true });
    let got: Reply | undefined;
    while (!(got = receiveMessageOnPort(this.syncPort)?.message as Reply | undefined)) {
      // the thread puts the answer on the port before it raises the flag
      const woke = Atomics.wait(this.flag, 0, 0, BLOCKING_WAIT_MS) !== 'timed-out';
      Atomics.store(this.flag, 0, 0);
      if (!woke && !(got = receiveMessageOnPort(this.syncPort)?.message as Reply | undefined)) {
        throw (this.stopped ??= new Error('the embedded database stopped: no answer from its thread'));
      }
      if (got) break;
    }
    if (got.error) throw Object.assign(new Error(got.error.message), got.error);
    return got.result as T;
  }

  query<T>(sql: string, params?: unknown[]) {
    return this.call<QueryResult<T>>({ op: 'query', sql, params });
  }

  async close() {
    if (!this.stopped) await this.call({ op: 'close' });
    this.stopped ??= new Error('the embedded database is closed');
    await this.worker.terminate();
  }
}
