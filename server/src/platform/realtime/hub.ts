import { presentEvent, type EventBus, type StoredEvent } from '../events/index.ts';
import type { Connection } from './connection.ts';

/**
 * This process's sockets by user; receives committed events from the bus and fans them out. Passing
 * signals go to the sockets of the people named, and to the sockets watching the person a signal
 * is about (`watched`: presence shown on screen beyond contacts).
 */
export class Hub {
  private byUser = new Map<string, Set<Connection>>();
  /** Sockets by the person they watch. */
  private watchers = new Map<string, Set<Connection>>();
  private unsubscribe: () => void;
  private unsubscribeSignals: () => void;
  delivered = 0;

  constructor(bus: EventBus) {
    this.unsubscribe = bus.subscribe((events) => this.deliver(events));
    this.unsubscribeSignals = bus.onSignal((s) => {
      const frame = JSON.stringify({ kind: 'signal', type: s.type, payload: s.payload });
      const to = new Set<Connection>();
      for (const uid of s.userIds) for (const c of this.byUser.get(uid) ?? []) to.add(c);
      if (s.watched) for (const c of this.watchers.get(s.watched) ?? []) if (c.orgId === s.orgId) to.add(c);
      for (const c of to) if (c.socket.readyState === c.socket.OPEN) c.socket.send(frame);
    });
  }

  add(c: Connection) {
    let set = this.byUser.get(c.userId);
    if (!set) this.byUser.set(c.userId, (set = new Set()));
    set.add(c);
  }

  remove(c: Connection) {
    const set = this.byUser.get(c.userId);
    set?.delete(c);
    if (set && !set.size) this.byUser.delete(c.userId);
    this.watch(c, []);
  }

  /**
   * Replaces the people a socket watches (the caller has kept only people of its organisation).
   * A socket no longer in the hub (closed while its ids were checked) watches nobody.
   */
  watch(c: Connection, userIds: readonly string[]) {
    for (const uid of c.watching) {
      const set = this.watchers.get(uid);
      set?.delete(c);
      if (set && !set.size) this.watchers.delete(uid);
    }
    c.watching = new Set(this.byUser.get(c.userId)?.has(c) ? userIds : []);
    for (const uid of c.watching) {
      let set = this.watchers.get(uid);
      if (!set) this.watchers.set(uid, (set = new Set()));
      set.add(c);
    }
  }

  /** How many people some socket here watches (tests). */
  get watchedPeople() {
    return this.watchers.size;
  }

  get connections() {
    let n = 0;
    for (const s of this.byUser.values()) n += s.size;
    return n;
  }

  onlineUserIds() {
    return [...this.byUser.keys()];
  }

  isOnline(userId: string) {
    return this.byUser.has(userId);
  }

  deliver(events: StoredEvent[]) {
    for (const ev of events) {
      if (ev.type === 'auth.revoked') {
        this.revoke(ev);
        continue;
      }
      const frame = JSON.stringify({ kind: 'event', event: presentEvent(ev) });
      for (const uid of ev.userIds) {
        const set = this.byUser.get(uid);
        if (!set) continue;
        for (const c of set) {
          c.push(ev, frame);
          this.delivered++;
        }
      }
    }
  }

  /** Signed out, deactivated or password changed: their sockets close and must authenticate again. */
  private revoke(ev: StoredEvent) {
    const { sessionId, exceptSessionId } = ev.payload as { sessionId: string | null; exceptSessionId: string | null };
    for (const uid of ev.userIds)
      for (const c of this.byUser.get(uid) ?? []) {
        const hit = sessionId ? c.auth.sessionId === sessionId : !exceptSessionId || c.auth.sessionId !== exceptSessionId;
        if (hit) c.socket.close(4401, 'UNAUTHENTICATED');
      }
  }

  /** Pings every socket; one that did not answer the previous ping is cut (the client resumes). */
  heartbeat(now = new Date()) {
    for (const set of this.byUser.values())
      for (const c of set) {
        const s = c.socket as typeof c.socket & { mrAlive?: boolean };
        if (c.auth.expiresAt && c.auth.expiresAt <= now) {
          s.close(4401, 'UNAUTHENTICATED');
          continue;
        }
        if (s.mrAlive === false) {
          s.terminate();
          continue;
        }
        s.mrAlive = false;
        s.once('pong', () => (s.mrAlive = true));
        s.ping();
      }
  }

  close() {
    this.unsubscribe();
    this.unsubscribeSignals();
    for (const set of this.byUser.values()) for (const c of set) c.socket.close(1001, 'server shutting down');
    this.byUser.clear();
    this.watchers.clear();
  }
}
