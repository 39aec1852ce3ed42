// The client side of the chat bench, identical for Mailroom and the raw peer: many WebSocket
// receivers and a few HTTP posters in this one process, so every latency is measured with one clock
// (performance.now(): stamped into the message text just before the POST, read back on receipt).
// Receiving is kept as cheap as possible, since on a small machine it competes with the server for
// CPU: no UTF-8 validation, no JSON.parse; a frame is one of ours when it contains MARK, and the
// post time is read from the fixed-width digits after it.
import { Agent, request } from 'node:http';
import WebSocket from 'ws';
import { openFilesLimit } from './chat-process.ts';

const MARK = Buffer.from('bench~');
const STAMP = 13; // digits of a performance.now() value with 3 decimals, zero-padded
const FILLER = " quarterly figures are in: please check the delivery schedule before Friday's call";
/** The text of a posted message (plain ASCII, so it is the same bytes inside any JSON). */
export const messageText = (t: number) => `bench~${t.toFixed(3).padStart(STAMP, '0')}~${FILLER}`;

/** Latencies of one phase (messages posted in it): 0.1 ms bins up to 30 s, then one overflow bin. */
export class Histogram {
  static readonly BINS = 300_000;
  bins = new Uint32Array(Histogram.BINS + 1);
  count = 0;
  max = 0;
  add(ms: number) {
    this.bins[Math.min(Histogram.BINS, Math.max(0, Math.floor(ms * 10)))]++;
    this.count++;
    if (ms > this.max) this.max = ms;
  }
  /** The q-quantile (0..1) in ms, the upper edge of its bin. */
  quantile(q: number) {
    if (!this.count) return NaN;
    const want = Math.ceil(q * this.count);
    let seen = 0;
    for (let i = 0; i <= Histogram.BINS; i++) {
      seen += this.bins[i];
      if (seen >= want) return i === Histogram.BINS ? this.max : (i + 1) / 10;
    }
    return this.max;
  }
}

/** The receiving sockets. Deliveries are counted as they arrive; latencies go to the phase the message was posted in. */
export class Receivers {
  sockets: WebSocket[] = [];
  /** frames carrying a bench message, in all */
  received = 0;
  /** sockets that closed while the bench still wanted them */
  lost = 0;
  /** byte length of the last bench frame (for the raw peer's frame size) */
  frameBytes = 0;
  private phases: { start: number; hist: Histogram }[] = [];
  private closing = false;

  private onMessage = (data: Buffer) => {
    const i = data.indexOf(MARK);
    if (i < 0) return;
    const now = performance.now();
    const t = Number(data.toString('latin1', i + MARK.length, i + MARK.length + STAMP));
    this.received++;
    this.frameBytes = data.length;
    for (let k = this.phases.length - 1; k >= 0; k--)
      if (t >= this.phases[k].start) return void this.phases[k].hist.add(now - t);
  };

  /** Messages posted from now on are recorded in a new histogram. */
  phase() {
    const p = { start: performance.now(), hist: new Histogram() };
    this.phases.push(p);
    return p.hist;
  }

  /**
   * Opens one socket per address, `concurrency` at a time, each counted as connected when its first
   * frame containing `"kind":"ready"` arrives (Mailroom's stream after authentication and replay).
   */
  async connect(urls: string[], concurrency: number, onProgress?: (n: number) => void) {
    const need = urls.length + 200;
    const { soft } = openFilesLimit();
    if (soft < need) throw new Error(`this process may open ${soft} files, ${need} needed for ${urls.length} sockets: raise \`ulimit -n\``);
    let next = 0;
    let done = 0;
    const one = (url: string) =>
      new Promise<void>((resolve, reject) => {
        const ws = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true, handshakeTimeout: 120_000 });
        const timer = setTimeout(() => reject(new Error(`no ready frame in 120 s from ${url.replace(/token=[^&]+/, 'token=…')}`)), 120_000);
        const first = (data: Buffer) => {
          if (!data.includes('"kind":"ready"')) return;
          clearTimeout(timer);
          ws.off('message', first);
          ws.on('message', this.onMessage);
          resolve();
        };
        ws.on('message', first);
        ws.on('error', (err: NodeJS.ErrnoException) => {
          clearTimeout(timer);
          if (err.code === 'EMFILE' || err.code === 'ENFILE')
            reject(new Error(`too many open files after ${this.sockets.length} sockets (limit ${openFilesLimit().soft}): raise \`ulimit -n\``));
          else if (err.code === 'EADDRNOTAVAIL') reject(new Error('out of local ports for loopback connections (net.ipv4.ip_local_port_range)'));
          else reject(err);
        });
        ws.on('close', (code: number) => {
          clearTimeout(timer);
          if (!this.closing) {
            this.lost++;
            reject(new Error(`socket closed with ${code} before it was ready`));
          }
        });
        this.sockets.push(ws);
      });
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < urls.length; i = next++) {
          await one(urls[i]);
          if (++done % 1000 === 0) onProgress?.(done);
        }
      }),
    );
  }

  async close() {
    this.closing = true;
    await Promise.all(
      this.sockets.map((ws) => new Promise<void>((r) => (ws.readyState === ws.CLOSED ? r() : (ws.once('close', () => r()), ws.terminate())))),
    );
    this.sockets = [];
  }
}

/**
 * Posts messages over HTTP (keep-alive, at most `maxInFlight` at a time) in turn from a few
 * people, each with its own unique client ids. Open loop: `run` posts on a schedule at `rate`
 * messages per second, and a post that cannot start (all in flight) starts late; the time stamped
 * into the text is taken just before each request.
 */
export class Poster {
  private agent: Agent;
  private n = 0;
  inFlight = 0;
  posted = 0;
  errors = 0;
  lastError = '';
  /** how long each answered POST took (ms), since `takeTimes` */
  private times: number[] = [];

  constructor(
    private port: number,
    private path: string,
    private tokens: string[],
    private tag: string,
    private maxInFlight = 64,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: maxInFlight });
  }

  private post() {
    const i = this.n++;
    const token = this.tokens[i % this.tokens.length];
    this.inFlight++;
    const t = performance.now();
    const body = JSON.stringify({ clientId: `${this.tag}-${i}`, text: messageText(t) });
    const req = request(
      {
        host: '127.0.0.1', port: this.port, path: this.path, method: 'POST', agent: this.agent,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          this.inFlight--;
          this.times.push(performance.now() - t);
          if (res.statusCode === 200 || res.statusCode === 201) this.posted++;
          else {
            this.errors++;
            this.lastError = `HTTP ${res.statusCode}`;
          }
        });
      },
    );
    req.on('error', (err) => {
      this.inFlight--;
      this.errors++;
      this.lastError = err.message;
    });
    req.end(body);
  }

  /**
   * Posts at `rate` messages per second for `ms`; returns how many were started. Connections left
   * idle since the last run are dropped first: the server may be closing them (keep-alive timeout),
   * and a request sent on one then fails with "socket hang up".
   */
  async run(rate: number, ms: number) {
    if (this.inFlight === 0) {
      this.agent.destroy();
      this.agent = new Agent({ keepAlive: true, maxSockets: this.maxInFlight });
    }
    const t0 = performance.now();
    let started = 0;
    for (;;) {
      const now = performance.now();
      if (now - t0 >= ms) break;
      const due = Math.floor(((now - t0) * rate) / 1000) + 1;
      while (started < due && this.inFlight < this.maxInFlight) {
        this.post();
        started++;
      }
      await new Promise((r) => setTimeout(r, Math.max(1, Math.min(10, 1000 / rate / 2))));
    }
    return started;
  }

  /** The POST times (ms) since the last call. */
  takeTimes() {
    const out = this.times;
    this.times = [];
    return out;
  }

  /** Waits until nothing is in flight (or `ms` passed). */
  async settle(ms = 30_000) {
    for (const t = performance.now(); this.inFlight > 0 && performance.now() - t < ms; ) await new Promise((r) => setTimeout(r, 5));
  }

  close() {
    this.agent.destroy();
  }
}
