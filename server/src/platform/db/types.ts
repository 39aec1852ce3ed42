export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
}

/** A transaction handle: queries run inside it; `afterCommit` callbacks run only once it commits. */
export interface Tx extends Queryable {
  afterCommit(fn: () => void | Promise<void>): void;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** PGlite: the id of the thread it runs on (Linux), for measurements. */
  readonly threadId?: number | null;
  /**
   * Runs fn in one transaction; commits when it resolves, rolls back when it throws. PGlite (one
   * connection, on a thread of its own) holds every other statement back while a transaction is
   * open, so there a transaction's statements wait for their answers blocking the event loop, as
   * when PGlite ran on it, and the transaction stays short whatever else the process is doing.
   * `background`: a bulk transaction whose statements take long; their answers are awaited without
   * blocking, so the process goes on with other work meanwhile (PostgreSQL: no difference).
   */
  tx<T>(fn: (tx: Tx) => Promise<T>, opts?: { background?: boolean }): Promise<T>;
  /** Runs a multi-statement SQL script (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * PostgreSQL: runs a hot statement as a named prepared statement (parsed once per pooled
   * connection, not per run). `sent` is called once the statement has been written to the server's
   * connection (from then on the server runs it, and commits it, even if this process dies).
   * Absent on PGlite, which prepares through PREPARE/EXECUTE instead.
   */
  queryPrepared?<T = Record<string, unknown>>(name: string, sql: string, params: unknown[], sent?: () => void): Promise<QueryResult<T>>;
  /**
   * Subscribes to NOTIFY on a channel; returns the unsubscribe function. `onGap` runs after the
   * listening connection was lost and restored: notifications sent meanwhile are gone.
   */
  listen(channel: string, onPayload: (payload: string) => void, onGap?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** PGlite only: a copy of the data directory, to start other instances from. */
  dump?(): Promise<Blob>;
}
