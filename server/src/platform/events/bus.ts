import type { Db, Queryable, Tx } from '../db/index.ts';
import type { Logger } from '../log.ts';
import type { EventDraft, StoredEvent } from './types.ts';

export const EVENTS_CHANNEL = 'mailroom_events';
/** Passing signals (typing): not stored, not replayed; the whole signal rides in the NOTIFY. */
export const SIGNALS_CHANNEL = 'mailroom_signals';

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
 * Events are rows written in the transaction of the change. After commit they go to this
 * process's subscribers directly; NOTIFY (transactional, so never on rollback) carries the ids
 * to every other process, which loads the rows and hands them to its own subscribers.
 */
export class EventBus {
  private subscribers = new Set<(events: StoredEvent[]) => void>();
  private signalSubscribers = new Set<(s: EventDraft) => void>();
  private unlistenSignals: (() => Promise<void>) | null = null;
  private pending: string[] = [];
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
        const s = JSON.parse(payload) as EventDraft & { node: string };
        if (s.node !== this.nodeId) this.deliverSignal(s);
      } catch {
        // not ours
      }
    });
  }

  onSignal(fn: (s: EventDraft) => void) {
    this.signalSubscribers.add(fn);
    return () => this.signalSubscribers.delete(fn);
  }

  /**
   * A passing signal (someone is typing): to the people's sockets in every process now, neither
   * stored nor replayed to a client that was away. Sent in NOTIFYs of at most 100 people each.
   */
  async signal(draft: EventDraft) {
    const userIds = [...new Set(draft.userIds)];
    if (!userIds.length) return;
    this.deliverSignal({ ...draft, userIds });
    for (let i = 0; i < userIds.length; i += 100)
      await this.db.query('select pg_notify($1, $2)', [SIGNALS_CHANNEL, JSON.stringify({ node: this.nodeId, ...draft, userIds: userIds.slice(i, i + 100) })]);
  }

  private deliverSignal(s: EventDraft) {
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
    await this.unlisten?.();
    await this.unlistenSignals?.();
    await this.flushing;
  }

  subscribe(fn: (events: StoredEvent[]) => void) {
    this.subscribers.add(fn);
    return () => this.subscribers.delete(fn);
  }

  /** Writes the event in tx; delivery happens only if tx commits. Returns null when nobody is to receive it. */
  async emit(tx: Tx, draft: EventDraft): Promise<StoredEvent | null> {
    const userIds = [...new Set(draft.userIds)];
    if (!userIds.length) return null;
    const { rows } = await tx.query<Row>(
      `insert into events (org_id, type, payload, user_ids, created_at) values ($1, $2, $3, $4::uuid[], clock_timestamp())
       returning id, org_id, type, payload, user_ids, created_at`,
      [draft.orgId, draft.type, JSON.stringify(draft.payload), userIds],
    );
    const ev = toStored(rows[0]);
    await tx.query('select pg_notify($1, $2)', [EVENTS_CHANNEL, `${this.nodeId}:${ev.id}`]);
    tx.afterCommit(() => this.publish([ev]));
    return ev;
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
    if (sep < 0 || payload.slice(0, sep) === this.nodeId) return;
    this.pending.push(payload.slice(sep + 1));
    this.flushing ??= Promise.resolve().then(() => this.flush());
  }

  /** Loads notified ids in batches, in id order. */
  private async flush() {
    while (this.pending.length) {
      const ids = this.pending.splice(0, 500);
      try {
        const events = await loadEvents(this.db, ids);
        if (events.length) this.publish(events);
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
