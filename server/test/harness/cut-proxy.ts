import net from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 (a free port) in front of a server on loopback, to cut connections the
 * way a flaky network does: on demand (`cutAll`), after a number of bytes (`cutAfter`, the cut
 * falls inside a chunk: the bytes before it are passed on, the rest never arrive) or when a chunk
 * carries a given text (`cutOn`, e.g. the answer to a MOVE). A cut destroys both sockets at once,
 * by default with a TCP reset (`'reset'`, which may also drop what the kernel had still to send)
 * or, when asked, with an orderly close (`'close'`).
 *
 * Every connection it destroys counts as one cut (`cuts`); `log` says when and why.
 */
export interface CutProxy {
  readonly host: string;
  readonly port: number;
  /** Connections accepted so far. */
  readonly accepted: number;
  /** Connections open now. */
  readonly live: number;
  /** Connections cut so far (both sockets destroyed by the proxy). */
  readonly cuts: number;
  /** Bytes relayed so far, both directions, all connections. */
  readonly bytes: number;
  /** One line per cut: which connection, after how many of its bytes, and why. */
  readonly log: readonly CutRecord[];
  /** Cuts every open connection now; returns how many there were. */
  cutAll(how?: CutHow): number;
  /** Arms a one-shot cut: once `bytes` more bytes have been relayed (either direction, any connection), that connection is cut mid-chunk. */
  cutAfter(bytes: number, how?: CutHow): void;
  /** Arms a one-shot cut: the first chunk (in `direction`) containing `text` is cut just before it. */
  cutOn(text: string, direction?: Direction, how?: CutHow): void;
  /** Whether a cutAfter/cutOn is still waiting. */
  readonly armed: boolean;
  /** Drops an armed cut that has not happened. */
  disarm(): void;
  /** Cuts what is open and stops listening. */
  stop(): Promise<void>;
}

export type CutHow = 'reset' | 'close';
/** 'down': server → client; 'up': client → server. */
export type Direction = 'up' | 'down' | 'both';
export interface CutRecord { connection: number; afterBytes: number; reason: 'all' | 'bytes' | 'text' }

interface Conn { id: number; client: net.Socket; server: net.Socket; bytes: number; open: boolean }
type Trigger = { kind: 'bytes'; left: number; how: CutHow } | { kind: 'text'; text: Buffer; direction: Direction; how: CutHow };

export async function startCutProxy(target: { host?: string; port: number }): Promise<CutProxy> {
  const host = target.host ?? '127.0.0.1';
  const conns = new Set<Conn>();
  const log: CutRecord[] = [];
  let accepted = 0;
  let cuts = 0;
  let bytes = 0;
  let trigger: Trigger | null = null;

  const kill = (s: net.Socket, how: CutHow) => (how === 'reset' && !s.destroyed && s.readyState !== 'opening' ? s.resetAndDestroy() : s.destroy());
  const cut = (c: Conn, how: CutHow, reason: CutRecord['reason']) => {
    if (!c.open) return false;
    c.open = false;
    conns.delete(c);
    cuts++;
    log.push({ connection: c.id, afterBytes: c.bytes, reason });
    kill(c.client, how);
    kill(c.server, how);
    return true;
  };

  /** Relays one direction, applying an armed trigger to each chunk before it goes on. */
  const relay = (c: Conn, from: net.Socket, to: net.Socket, direction: 'up' | 'down') => {
    from.on('data', (chunk: Buffer) => {
      if (!c.open) return;
      let keep = chunk.length;
      let fire: CutHow | null = null;
      let reason: CutRecord['reason'] = 'bytes';
      const t = trigger;
      if (t?.kind === 'bytes') {
        if (chunk.length >= t.left) (keep = t.left, fire = t.how, trigger = null);
        else t.left -= chunk.length;
      } else if (t?.kind === 'text' && (t.direction === 'both' || t.direction === direction)) {
        const at = chunk.indexOf(t.text);
        if (at >= 0) (keep = at, fire = t.how, reason = 'text', trigger = null);
      }
      const part = keep === chunk.length ? chunk : chunk.subarray(0, keep);
      c.bytes += part.length;
      bytes += part.length;
      if (part.length && !to.write(part)) {
        from.pause();
        to.once('drain', () => from.resume());
      }
      if (fire) cut(c, fire, reason);
    });
    // an orderly close on one side is passed on; an error or a close ends the pair
    from.on('end', () => c.open && to.end());
    from.on('error', () => {});
    from.on('close', () => {
      if (!c.open) return;
      c.open = false;
      conns.delete(c);
      to.destroy();
    });
  };

  const server = net.createServer((client) => {
    const c: Conn = { id: ++accepted, client, server: net.connect(target.port, host), bytes: 0, open: true };
    conns.add(c);
    relay(c, client, c.server, 'up');
    relay(c, c.server, client, 'down');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    host: '127.0.0.1',
    port,
    get accepted() { return accepted; },
    get live() { return conns.size; },
    get cuts() { return cuts; },
    get bytes() { return bytes; },
    get armed() { return trigger !== null; },
    log,
    cutAll(how: CutHow = 'reset') {
      let n = 0;
      for (const c of [...conns]) if (cut(c, how, 'all')) n++;
      return n;
    },
    cutAfter(n: number, how: CutHow = 'reset') {
      trigger = { kind: 'bytes', left: Math.max(0, Math.floor(n)), how };
    },
    cutOn(text: string, direction: Direction = 'down', how: CutHow = 'reset') {
      trigger = { kind: 'text', text: Buffer.from(text), direction, how };
    },
    disarm() {
      trigger = null;
    },
    async stop() {
      trigger = null;
      for (const c of [...conns]) (c.open = false, conns.delete(c), c.client.destroy(), c.server.destroy());
      await new Promise((r) => server.close(r));
    },
  };
}
