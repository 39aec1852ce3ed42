import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import XOAuth2 from 'nodemailer/lib/xoauth2/index.js';

export interface PoolOptions {
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'none';
  /** Asked for each new connection (an OAuth2 access token may have been renewed meanwhile). */
  auth: () => Promise<{ user: string; pass: string } | { user: string; accessToken: string } | null>;
  timeoutMs: number;
  ca?: string[];
  /** A connection is closed after this many messages, or this long unused. */
  maxMessages?: number;
  idleMs?: number;
}

export interface SendResult { response: string; accepted: string[]; refused: string[] }
/** An SMTP failure, and whether the message's body had started going out (its DATA was accepted). */
export type SendFailure = Error & { code?: string; responseCode?: number; response?: string; command?: string; afterData: boolean };

interface Pooled { conn: SMTPConnection; sent: number; dead: boolean; timer?: NodeJS.Timeout }

/**
 * Kept-open SMTP connections to one server (nodemailer's SMTPConnection), reused message after
 * message with RSET between. Unlike a transport's pool, it says of each failure whether the body
 * had started going out: a connection lost after that may have delivered the message.
 */
export class SmtpPool {
  private idle: Pooled[] = [];
  private closed = false;

  constructor(private o: PoolOptions) {}

  private async open(): Promise<Pooled> {
    const conn = new SMTPConnection({
      host: this.o.host, port: this.o.port, secure: this.o.security === 'tls', requireTLS: this.o.security === 'starttls', ignoreTLS: this.o.security === 'none',
      connectionTimeout: this.o.timeoutMs, greetingTimeout: this.o.timeoutMs, socketTimeout: this.o.timeoutMs * 2, tls: { ca: this.o.ca },
    });
    const p: Pooled = { conn, sent: 0, dead: false };
    conn.on('error', () => (p.dead = true));
    conn.on('end', () => {
      p.dead = true;
      this.idle = this.idle.filter((x) => x !== p);
    });
    // a refused greeting (4xx/5xx) or a close comes as an event, not through the callback
    const step = (run: (done: (err?: Error | null) => void) => void) =>
      new Promise<void>((resolve, reject) => {
        const onError = (err: Error) => reject(err);
        const onEnd = () => reject(Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION', command: 'CONN' }));
        conn.once('error', onError);
        conn.once('end', onEnd);
        run((err) => {
          conn.removeListener('error', onError);
          conn.removeListener('end', onEnd);
          if (err) reject(err);
          else resolve();
        });
      });
    try {
      await step((done) => conn.connect(done));
      const auth = await this.o.auth();
      if (auth)
        await step((done) =>
          conn.login('accessToken' in auth ? { user: auth.user, oauth2: new XOAuth2({ user: auth.user, accessToken: auth.accessToken }) } : { user: auth.user, pass: auth.pass }, done),
        );
    } catch (err) {
      conn.close();
      throw err;
    }
    return p;
  }

  private take() {
    for (let p = this.idle.pop(); p; p = this.idle.pop()) {
      clearTimeout(p.timer);
      if (!p.dead) return p;
    }
    return null;
  }

  /** `reset`: the transaction was left half-way (a refusal), so RSET first; after a 250 to the body it is already over. */
  private giveBack(p: Pooled, reset = true) {
    if (this.closed || p.dead || p.sent >= (this.o.maxMessages ?? 500)) return p.conn.close();
    const keep = () => {
      p.timer = setTimeout(() => {
        this.idle = this.idle.filter((x) => x !== p);
        p.conn.quit();
      }, this.o.idleMs ?? 30_000);
      p.timer.unref();
      this.idle.push(p);
    };
    if (!reset) return keep();
    p.conn.reset((err?: Error | null) => {
      if (err || this.closed) return p.conn.close();
      keep();
    });
  }

  /**
   * Sends one message (raw bytes) to the envelope's recipients. A kept connection that turns out
   * to be gone before the body went out is replaced once with a fresh one. `beforeLastLine`: the
   * body goes out, and its last line (the final dot, after which the server may accept it) waits
   * until the hook calls `go` (synchronously, if it may go at once).
   */
  async send(envelope: { from: string; to: string[] }, raw: Buffer, beforeLastLine?: (go: () => void) => void): Promise<SendResult> {
    for (let round = 0; ; round++) {
      const reused = this.take();
      let p: Pooled;
      try {
        p = reused ?? (await this.open());
      } catch (err) {
        throw Object.assign(err as Error, { afterData: false }) as SendFailure;
      }
      let afterData = false;
      // a message source as SMTPConnection takes one: it pipes it into its dot-escaping stream once
      // the server has accepted DATA (so `afterData`: the body is going out), and ending that stream
      // sends the last line. The bytes are written straight in: through a Readable, the end reached
      // the socket ~0.1 ms later (measured in bench/outbox.ts), and that wait sat in the narrowest
      // part of the queue's path when last lines go out one at a time (`beforeLastLine`).
      const body = Object.assign(new EventEmitter(), {
        pipe(into: NodeJS.WritableStream) {
          afterData = true;
          into.write(raw);
          if (!beforeLastLine) into.end();
          else beforeLastLine(() => into.end());
          return into;
        },
        destroy() {},
      });
      try {
        const info = await new Promise<{ response?: string; accepted?: string[]; rejected?: string[] }>((resolve, reject) =>
          p.conn.send(envelope, body as unknown as Readable, (err: Error | null, i: unknown) => (err ? reject(err) : resolve(i as { response?: string }))),
        );
        p.sent++;
        this.giveBack(p, false);
        return { response: String(info.response ?? ''), accepted: (info.accepted ?? []).map(String), refused: (info.rejected ?? []).map(String) };
      } catch (err) {
        const e = err as SendFailure;
        e.afterData = afterData;
        const answered = typeof e.responseCode === 'number';
        if (answered && !p.dead) this.giveBack(p);
        else p.conn.close();
        if (reused && round === 0 && !answered && !afterData) continue;
        throw e;
      }
    }
  }

  close() {
    this.closed = true;
    for (const p of this.idle.splice(0)) {
      clearTimeout(p.timer);
      p.conn.quit();
    }
  }
}
