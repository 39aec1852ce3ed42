import type { Db, Queryable, Tx } from '../db/index.ts';
import type { Logger } from '../log.ts';
import type { EventDraft, SignalDraft, StoredEvent } from './types.ts';

export const EVENTS_CHANNEL = 'mailroom_events';
/** Passing signals (typing, presence): not stored, not replayed; the whole signal rides in the NOTIFY. */
/** How long our own committed event waits for its NOTIFY before it is delivered without it. */
const OWN_FALLBACK_MS = 2000;
export const SIGNALS_CHANNEL = 'mailroom_signals';

/** An event this process wrote, until its NOTIFY comes: `sent` once the fallback timer delivered it. */
type OwnEvent = { ev: StoredEvent; at: number; sent: boolean; timer?: NodeJS.Timeout };

type Row = { id: string; org_id: string; type: string; payload: unknown; user_ids: string[]; created_at: Date };
export const toStored = (r: Row): StoredEvent => ({
  id: String(r.id),
  orgId: r.org_id,
  type: r.type,
  payload: r.payload,
  userIds: r.user_ids,
  at: new Date(r.created_at).toISOString(),
});

/**
 * Events are rows written in the transaction of the change. NOTIFY (transactional, so never on
 * rollback) carries their ids to every process, in commit order: PostgreSQL delivers the
 * notifications of different transactions in the order they committed. Every process hands events
 * to its subscribers in that order — its own from memory, others' loaded by id — so two messages of
 * one discussion (numbered under its row lock) reach every socket in their order. Publishing one's
 * own events straight after COMMIT returns would not: a backend can release its locks, lose the CPU
 * before answering, and let the next transaction commit and publish first (the chaos test saw it).
 * If our own NOTIFY is late (the LISTEN connection is down), an event goes out after
 * `OWN_FALLBACK_MS` anyway. PGlite has one connection, so there commit order is publish order.
 */
export class EventBus {
  private subscribers = new Set<(events: StoredEvent[]) => void>();
  private signalSubscribers = new Set<(s: SignalDraft) => void>();
  private unlistenSignals: (() => Promise<void>) | null = null;
  /** Notified ids to load, or our own events (already in memory), in commit order. */
  private pending: (string | StoredEvent)[] = [];
  /** Our own events written in a transaction, until their NOTIFY arrives (postgres only). */
  private own = new Map<string, OwnEvent>();
  private sweptAt = Date.now();
  private flushing: Promise<void> | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  /** The highest event id this process has handed to its subscribers. */
  private highest = 0n;

  constructor(
    private db: Db,
    readonly nodeId: string,
    private log: Logger,
  ) {}

  async start() {
    const { rows } = await this.db.query<{ id: string }>('select coalesce(max(id), 0)::text as id from events');
    this.highest = BigInt(rows[0].id);
    this.unlisten = await this.db.listen(EVENTS_CHANNEL, (payload) => this.onNotify(payload), () => void this.catchUp());
    this.unlistenSignals = await this.db.listen(SIGNALS_CHANNEL, (payload) => {
      try {
        const s = JSON.parse(payload) as SignalDraft & { node: string };
        if (s.node !== this.nodeId) this.deliverSignal(s);
      } catch {
        // not ours
      }
    });
  }

  onSignal(fn: (s: SignalDraft) => void) {
    this.signalSubscribers.add(fn);
    return () => this.signalSubscribers.delete(fn);
  }

  /**
   * A passing signal (someone is typing, a presence changed): to the people's sockets in every
   * process now, and to the sockets watching `watched` (each process knows its own), neither stored
   * nor replayed to a client that was away. Sent in NOTIFYs of at most 100 people each; only the
   * first carries `watched`, so a watcher who is also one of the people beyond the first hundred
   * may hear it twice in another process (signals say a state, hearing one twice is harmless).
   */
  async signal(draft: SignalDraft) {
    const userIds = [...new Set(draft.userIds)];
    if (!userIds.length && !draft.watched) return;
    this.deliverSignal({ ...draft, userIds });
    const { watched, ...rest } = draft;
    for (let i = 0; i === 0 || i < userIds.length; i += 100)
      await this.db.query('select pg_notify($1, $2)', [SIGNALS_CHANNEL, JSON.stringify({ node: this.nodeId, ...rest, ...(i === 0 && watched ? { watched } : {}), userIds: userIds.slice(i, i + 100) })]);
  }

  private deliverSignal(s: SignalDraft) {
    for (const fn of this.signalSubscribers) {
      try {
        fn(s);
      } catch (err) {
        this.log.error({ err }, 'signal subscriber failed');
      }
    }
  }

  /** After a lost LISTEN connection: load what was committed meanwhile (subscribers drop what they already had). */
  private async catchUp() {
    try {
      for (;;) {
        const { rows } = await this.db.query<Row>(
          'select id, org_id, type, payload, user_ids, created_at from events where id > $1 order by id limit 1000',
          [this.highest.toString()],
        );
        if (!rows.length) return;
        this.publish(rows.map(toStored));
        if (rows.length < 1000) return;
      }
    } catch (err) {
      this.log.error({ err }, 'catching up events after a lost LISTEN connection failed');
    }
  }

  async stop() {
    for (const e of this.own.values()) clearTimeout(e.timer);
    await this.unlisten?.();
    await this.unlistenSignals?.();
    await this.flushing;
  }

  /** The highest event id handed to subscribers so far (tests wait for it). */
  get published() {
    return this.highest;
  }

  subscribe(fn: (events: StoredEvent[]) => void) {
    this.subscribers.add(fn);
    return () => this.subscribers.delete(fn);
  }

  /** Writes the event in tx; delivery happens only if tx commits. Returns null when nobody is to receive it. */
  async emit(tx: Tx, draft: EventDraft): Promise<StoredEvent | null> {
    const userIds = [...new Set(draft.userIds)];
    if (!userIds.length) return null;
    // stored and announced in one statement (one answer to wait for)
    const { rows } = await tx.query<Row>(
      `with e as (insert into events (org_id, type, payload, user_ids, created_at) values ($1, $2, $3, $4::uuid[], clock_timestamp())
                  returning id, org_id, type, payload, user_ids, created_at)
       select e.*, pg_notify($5, $6 || ':' || e.id) from e`,
      [draft.orgId, draft.type, JSON.stringify(draft.payload), userIds, EVENTS_CHANNEL, this.nodeId],
    );
    const ev = toStored(rows[0]);
    if (this.db.kind === 'pglite') {
      tx.afterCommit(() => this.publish([ev]));
      return ev;
    }
    this.sweep();
    const entry: OwnEvent = { ev, at: Date.now(), sent: false };
    this.own.set(ev.id, entry);
    tx.afterCommit(() => {
      if (!this.own.has(ev.id)) return;
      entry.timer = setTimeout(() => {
        entry.sent = true;
        this.publish([ev]);
      }, OWN_FALLBACK_MS);
      entry.timer.unref();
    });
    return ev;
  }

  /** Forgets own events whose transaction rolled back (no NOTIFY will ever come) or whose NOTIFY was lost. */
  private sweep() {
    const now = Date.now();
    if (now - this.sweptAt < 30_000) return;
    this.sweptAt = now;
    for (const [id, e] of this.own) if (now - e.at > 60_000) (clearTimeout(e.timer), this.own.delete(id));
  }

  private publish(events: StoredEvent[]) {
    for (const e of events) if (BigInt(e.id) > this.highest) this.highest = BigInt(e.id);
    for (const s of this.subscribers) {
      try {
        s(events);
      } catch (err) {
        this.log.error({ err }, 'event subscriber failed');
      }
    }
  }

  private onNotify(payload: string) {
    const sep = payload.lastIndexOf(':');
    if (sep < 0) return;
    const id = payload.slice(sep + 1);
    if (payload.slice(0, sep) === this.nodeId && this.db.kind === 'pglite') return;
    const mine = this.own.get(id);
    if (mine) {
      this.own.delete(id);
      clearTimeout(mine.timer);
      if (mine.sent) return;
    }
    this.pending.push(mine?.ev ?? id);
    this.flushing ??= Promise.resolve().then(() => this.flush());
  }

  /** Hands notified events over in batches: own ones from memory, others loaded; in id order within a batch. */
  private async flush() {
    while (this.pending.length) {
      const batch = this.pending.splice(0, 500);
      const ids = batch.filter((b): b is string => typeof b === 'string');
      try {
        const events = [...batch.filter((b): b is StoredEvent => typeof b !== 'string'), ...(ids.length ? await loadEvents(this.db, ids) : [])];
        // within a batch, id order keeps each discussion's order (its events are numbered under one lock)
        if (events.length) this.publish(ids.length && events.length > ids.length ? events.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1)) : events);
      } catch (err) {
        this.log.error({ err }, 'loading notified events failed');
      }
    }
    this.flushing = null;
  }
}

export async function loadEvents(q: Queryable, ids: string[]) {
  const { rows } = await q.query<Row>(
    'select id, org_id, type, payload, user_ids, created_at from events where id = any($1::bigint[]) order by id',
    [ids],
  );
  return rows.map(toStored);
}
