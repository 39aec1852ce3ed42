import pg from 'pg';

/** At most this many connections of their own for hot statements (besides the pool). */
const HOT_MAX = 4;

interface Hot { client: pg.Client; busy: boolean; dead: boolean }

/**
 * Connections of their own for a few hot, prepared statements (the outbox's sent outcomes): a
 * statement on an idle one is written to the server within `query()`, so the caller knows the
 * moment it is the server's. A pooled connection is handed over a turn of the event loop later,
 * and that delay sat in the middle of the queue's narrowest window. When all are busy (or one is
 * still connecting), the statement goes through the pool.
 */
export class HotConnections {
  private all: Hot[] = [];
  private connecting = false;
  private closed = false;

  constructor(private url: string, private onError: (e: Error) => void) {}

  /** An idle connection, marked busy; null when none is (one more is opened for next time). */
  take(): Hot | null {
    const h = this.all.find((x) => !x.busy && !x.dead);
    if (h) {
      h.busy = true;
      return h;
    }
    if (!this.closed && !this.connecting && this.all.length < HOT_MAX) void this.open();
    return null;
  }

  give(h: Hot, failed: boolean) {
    h.busy = false;
    if (failed && !h.dead) this.drop(h);
  }

  private async open() {
    this.connecting = true;
    const client = new pg.Client({ connectionString: this.url });
    const h: Hot = { client, busy: false, dead: false };
    client.on('error', (e) => {
      this.onError(e);
      this.drop(h);
    });
    try {
      await client.connect();
      if (this.closed) await client.end();
      else this.all.push(h);
    } catch (e) {
      this.onError(e as Error);
    } finally {
      this.connecting = false;
    }
  }

  private drop(h: Hot) {
    h.dead = true;
    this.all = this.all.filter((x) => x !== h);
    void h.client.end().catch(() => {});
  }

  async close() {
    this.closed = true;
    await Promise.all(this.all.splice(0).map((h) => h.client.end().catch(() => {})));
  }
}
