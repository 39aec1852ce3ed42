import { WATCH_LIMIT, type Event, type ServerFrame } from '@mailroom/contract';

export type StreamStatus = 'connecting' | 'open' | 'closed';
/** A passing frame: `discussion.typing`, `presence.changed`. */
export interface Signal { type: string; payload: unknown }

export interface EventStreamOptions {
  /** ws:// or wss:// address of /api/v1/events/ws */
  url: string;
  /** Resume after this event id (e.g. kept from an earlier session); without it the stream starts from now. */
  lastEventId?: string;
  token?: string;
  /** WebSocket implementation; the browser's by default, the `ws` package in Node. */
  WebSocket?: new (url: string, opts?: unknown) => WebSocket;
  /** Headers for Node `ws` (cookie). */
  headers?: Record<string, string>;
  onEvent?: (e: Event) => void;
  /** The server could not replay what was missed: refetch whatever you show. */
  onResync?: () => void;
  /** The credential is no longer valid (signed out, password changed, deactivated, token expired): the stream stops. */
  onUnauthenticated?: () => void;
  onStatus?: (s: StreamStatus) => void;
  /** Passing signals (typing, presence): not stored, not replayed, no id. */
  onSignal?: (s: Signal) => void;
  /** The server took a `watch` (after `watch()` and after each reconnect): how many people it watches. */
  onWatching?: (count: number) => void;
  maxBackoffMs?: number;
}

/**
 * A self-healing event stream: reconnects with backoff, resumes from the last event id,
 * and drops duplicates (the server may replay a few recent events on resume).
 */
export class EventStream {
  lastEventId: string | null;
  status: StreamStatus = 'closed';
  private ws: WebSocket | null = null;
  private stopped = false;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private seen = new Set<string>();
  private seenOrder: string[] = [];
  private watched: string[] = [];

  constructor(private opts: EventStreamOptions) {
    this.lastEventId = opts.lastEventId ?? null;
    this.open();
  }

  private setStatus(s: StreamStatus) {
    this.status = s;
    this.opts.onStatus?.(s);
  }

  private open() {
    if (this.stopped) return;
    this.setStatus('connecting');
    const url = new URL(this.opts.url);
    if (this.lastEventId !== null) url.searchParams.set('after', this.lastEventId);
    if (this.opts.token) url.searchParams.set('token', this.opts.token);
    const WS = this.opts.WebSocket ?? (globalThis as unknown as { WebSocket: new (u: string) => WebSocket }).WebSocket;
    const ws = this.opts.headers ? new WS(url.toString(), { headers: this.opts.headers }) : new WS(url.toString());
    this.ws = ws;
    // a socket we closed (reconnect, close) may still deliver frames: the next one resumes from
    // lastEventId, so they are dropped rather than move lastEventId past what it will replay
    ws.onmessage = (m: MessageEvent) => this.ws === ws && this.frame(JSON.parse(String(m.data)) as ServerFrame);
    ws.onclose = (ev: CloseEvent) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.setStatus('closed');
      if (ev?.code === 4401) {
        // reconnecting with the same credential cannot succeed
        this.stopped = true;
        this.opts.onUnauthenticated?.();
        return;
      }
      this.schedule();
    };
    ws.onerror = () => ws.close();
  }

  private frame(f: ServerFrame) {
    if (f.kind === 'signal') {
      this.opts.onSignal?.({ type: f.type, payload: f.payload });
    } else if (f.kind === 'watching') {
      // the newly watched people's presence as of now: told like any change
      for (const p of f.presence ?? []) this.opts.onSignal?.({ type: 'presence.changed', payload: p });
      this.opts.onWatching?.(f.count);
    } else if (f.kind === 'ready') {
      this.attempt = 0;
      if (this.lastEventId === null || BigInt(f.lastEventId) > BigInt(this.lastEventId)) this.lastEventId = f.lastEventId;
      // a new socket watches nobody: tell it again whom we show
      if (this.watched.length) this.sendWatch();
      this.setStatus('open');
    } else if (f.kind === 'resync') {
      this.lastEventId = f.lastEventId;
      this.opts.onResync?.();
    } else if (f.kind === 'event') {
      const id = f.event.id;
      if (this.seen.has(id)) return;
      this.remember(id);
      if (this.lastEventId === null || BigInt(id) > BigInt(this.lastEventId)) this.lastEventId = id;
      this.opts.onEvent?.(f.event);
    }
  }

  private remember(id: string) {
    this.seen.add(id);
    this.seenOrder.push(id);
    if (this.seenOrder.length > 2000) this.seen.delete(this.seenOrder.shift()!);
  }

  private schedule() {
    if (this.stopped) return;
    const max = this.opts.maxBackoffMs ?? 10_000;
    const delay = Math.min(max, 250 * 2 ** this.attempt++) * (0.5 + Math.random() / 2);
    this.timer = setTimeout(() => this.open(), delay);
  }

  /**
   * The people whose presence you show now (up to 500 of your organisation; replaces the previous
   * list, [] stops): their `presence.changed` signals come even when they are not your contacts,
   * starting with one for each newly watched person (their presence now). Kept and sent again after
   * every reconnect.
   */
  watch(userIds: readonly string[]) {
    const next = [...new Set(userIds)].slice(0, WATCH_LIMIT);
    if (next.length === this.watched.length && next.every((id, i) => id === this.watched[i])) return;
    this.watched = next;
    if (this.status === 'open') this.sendWatch();
  }

  private sendWatch() {
    if (this.ws?.readyState === 1) this.ws.send(JSON.stringify({ kind: 'watch', userIds: this.watched }));
  }

  /** Drop the current connection (it reconnects); for tests and "check now". */
  reconnect() {
    this.ws?.close();
  }

  close() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const ws = this.ws;
    this.ws = null;
    ws?.close();
    this.setStatus('closed');
  }
}
