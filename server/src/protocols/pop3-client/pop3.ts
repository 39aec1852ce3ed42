import net from 'node:net';
import tls from 'node:tls';
import { classifyConnect, MailServerError, servername, type ConnectOptions } from '../problems.ts';

/**
 * A small POP3 client (RFC 1939, STLS from RFC 2595, AUTH XOAUTH2): wire only. Replies are read
 * line by line; multi-line replies end at a lone dot and are un-dot-stuffed.
 */
export class Pop3 {
  private buf = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  private closed: Error | null = null;

  private constructor(private socket: net.Socket, private readonly timeoutMs: number) {
    this.attach(socket);
  }

  static async open(o: ConnectOptions): Promise<Pop3> {
    let client: Pop3 | null = null;
    let greeted = false;
    try {
      const socket = await connect(o);
      client = new Pop3(socket, o.timeoutMs);
      // silence where a greeting belongs: a port that waits for TLS, or a server that is stuck
      await client.status().catch((err) => {
        throw err.code === 'ETIMEDOUT' ? Object.assign(err, { code: 'GREETING_TIMEOUT' }) : err;
      });
      greeted = true;
      if (o.security === 'starttls') {
        await client.command('STLS');
        await client.upgrade(o);
      }
      if ('accessToken' in o.auth) {
        const token = Buffer.from(`user=${o.auth.user}\x01auth=Bearer ${o.auth.accessToken}\x01\x01`).toString('base64');
        await client.command(`AUTH XOAUTH2 ${token}`, true);
      } else {
        await client.command(`USER ${o.auth.user}`, true);
        await client.command(`PASS ${o.auth.pass}`, true);
      }
      return client;
    } catch (err) {
      client?.socket.destroy();
      throw await classifyConnect(err, o, greeted);
    }
  }

  /** [message number, unique id] of every message on the server. */
  async uidl(): Promise<{ n: number; uid: string }[]> {
    const lines = await this.multi('UIDL');
    return lines.map((l) => l.split(' ')).filter((p) => p.length >= 2).map(([n, uid]) => ({ n: Number(n), uid }));
  }

  /** The whole message, as the server keeps it. */
  async retr(n: number): Promise<Buffer> {
    const lines = await this.multi(`RETR ${n}`);
    return Buffer.from(lines.join('\r\n') + '\r\n', 'latin1');
  }

  async dele(n: number) {
    await this.command(`DELE ${n}`);
  }

  async quit() {
    try {
      await this.command('QUIT');
    } finally {
      this.socket.destroy();
    }
  }

  close() {
    this.socket.destroy();
  }

  private attach(s: net.Socket) {
    s.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.wake();
    });
    s.on('error', (err) => {
      this.closed = err;
      this.wake();
    });
    s.on('close', () => {
      this.closed ??= Object.assign(new Error('The POP3 server closed the connection'), { code: 'ECONNRESET' });
      this.wake();
    });
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private async line(): Promise<string> {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const i = this.buf.indexOf('\r\n');
      if (i >= 0) {
        const l = this.buf.subarray(0, i).toString('latin1');
        this.buf = this.buf.subarray(i + 2);
        return l;
      }
      if (this.closed) throw this.closed;
      const left = deadline - Date.now();
      if (left <= 0) throw Object.assign(new Error('The POP3 server did not answer in time'), { code: 'ETIMEDOUT' });
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => (clearTimeout(t), resolve()));
      });
    }
  }

  private async status(auth = false) {
    const l = await this.line();
    if (l.startsWith('+OK')) return l;
    const text = l.replace(/^-ERR\s*/, '');
    if (auth) throw Object.assign(new Error(text), { authenticationFailed: !/disabled|not enabled/i.test(text), responseText: text });
    throw new MailServerError('PROTOCOL_ERROR', text);
  }

  private async command(cmd: string, auth = false) {
    this.socket.write(`${cmd}\r\n`);
    return this.status(auth);
  }

  private async multi(cmd: string) {
    await this.command(cmd);
    const out: string[] = [];
    for (;;) {
      const l = await this.line();
      if (l === '.') return out;
      out.push(l.startsWith('.') ? l.slice(1) : l);
    }
  }

  private async upgrade(o: ConnectOptions) {
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    plain.removeAllListeners('error');
    this.socket = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const s = tls.connect({ socket: plain, servername: servername(o.host), ca: o.ca }, () => resolve(s));
      s.once('error', reject);
    });
    this.attach(this.socket);
  }
}

const lookup = (o: ConnectOptions) => (o.lookup ? { lookup: o.lookup } : {});

function connect(o: ConnectOptions): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s =
      o.security === 'tls'
        ? tls.connect({ host: o.host, port: o.port, servername: servername(o.host), ca: o.ca, ...lookup(o) }, () => done())
        : net.connect({ host: o.host, port: o.port, ...lookup(o) }, () => done());
    const timer = setTimeout(() => {
      s.destroy();
      reject(Object.assign(new Error('No connection in time'), { code: 'ETIMEDOUT' }));
    }, o.timeoutMs);
    const done = () => {
      clearTimeout(timer);
      s.removeListener('error', fail);
      resolve(s);
    };
    const fail = (err: Error) => {
      clearTimeout(timer);
      reject(err);
    };
    s.once('error', fail);
  });
}
