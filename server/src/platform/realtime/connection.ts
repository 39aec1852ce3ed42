import type { WebSocket } from 'ws';
import { presentEvent, type StoredEvent } from '../events/index.ts';

const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * One client socket. While its missed events are replayed from the database, live events are
 * buffered; afterwards both are sent in order, each id at most once.
 */
export class Connection {
  private replaying = true;
  private buffer: StoredEvent[] = [];
  private sent = new Set<string>();
  private sentOrder: string[] = [];

  /** The people whose presence this socket shows (set by the hub from `watch` frames). */
  watching: ReadonlySet<string> = new Set();

  constructor(
    readonly userId: string,
    readonly socket: WebSocket,
    /** The session behind a cookie socket, and when a token socket's credential runs out. */
    readonly auth: { sessionId?: string; expiresAt?: Date } = {},
    /** The person's organisation: only its people may be watched, only its signals delivered. */
    readonly orgId = '',
  ) {}

  push(ev: StoredEvent, frame?: string) {
    if (this.replaying) this.buffer.push(ev);
    else this.send(ev, frame);
  }

  finishReplay(events: StoredEvent[], lastEventId: string) {
    for (const e of events) this.send(e);
    for (const e of this.buffer) this.send(e);
    this.buffer = [];
    this.replaying = false;
    this.frame({ kind: 'ready', lastEventId });
  }

  frame(f: unknown) {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(f));
  }

  private send(ev: StoredEvent, frame?: string) {
    if (this.sent.has(ev.id) || this.socket.readyState !== this.socket.OPEN) return;
    // a client that stops reading is cut off; it resumes from its last event id
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) return void this.socket.terminate();
    this.sent.add(ev.id);
    this.sentOrder.push(ev.id);
    if (this.sentOrder.length > 5000) this.sent.delete(this.sentOrder.shift()!);
    this.socket.send(frame ?? JSON.stringify({ kind: 'event', event: presentEvent(ev) }));
  }
}
