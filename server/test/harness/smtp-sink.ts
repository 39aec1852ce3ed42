import { createServer, type Server, type Socket } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** Where in an SMTP transaction a scripted answer is given. `data`: after the message's last line. */
export type Stage = 'connect' | 'mail' | 'rcpt' | 'data';
/** accept; accept after a pause (a server slow to answer the last line); answer with this code; or drop the connection without answering. */
export type Verdict = 'accept' | 'drop' | { code: number; message?: string } | { acceptAfterMs: number };
export interface Received { messageId: string; from: string; to: string[]; raw: string; at: number }

export interface Sink {
  host: string;
  port: number;
  /** Every message the sink took in (after its last line), answered or not: a drop after the dot counts. */
  received: Received[];
  /** The most messages at once whose last line had come and whose answer had not gone yet; `resetPeak` starts over. */
  peakAwaiting(): number;
  resetPeak(): void;
  /** Sets how the sink answers from now on. */
  script(decide: (stage: Stage, ctx: { from?: string; to?: string; messageId?: string }) => Verdict): void;
  stop(): Promise<void>;
}

const messageIdOf = (raw: string) => /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '';

/**
 * A scripted SMTP server on loopback (smtp-server): accepts everything unless a script says
 * otherwise at a stage (a 4xx or 5xx answer, or the connection dropped).
 */
export async function startSink(): Promise<Sink> {
  let decide: Parameters<Sink['script']>[0] = () => 'accept';
  const received: Received[] = [];
  let awaiting = 0;
  let peak = 0;
  const server: SMTPServer = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 50 * 1024 * 1024,
    onConnect(session, cb) {
      answer(session, decide('connect', {}), cb);
    },
    onMailFrom(address, session, cb) {
      answer(session, decide('mail', { from: address.address }), cb);
    },
    onRcptTo(address, session, cb) {
      answer(session, decide('rcpt', { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: address.address }), cb);
    },
    onData(stream, session, cb) {
      const parts: Buffer[] = [];
      stream.on('data', (c: Buffer) => parts.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(parts).toString('utf8');
        const messageId = messageIdOf(raw);
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const verdict = decide('data', { messageId, from });
        const later = typeof verdict === 'object' && 'acceptAfterMs' in verdict ? verdict.acceptAfterMs : null;
        if (verdict === 'accept' || verdict === 'drop' || later !== null) received.push({ messageId, raw, at: Date.now(), from, to: session.envelope.rcptTo.map((r) => r.address) });
        if (later !== null) {
          peak = Math.max(peak, ++awaiting);
          const n = received.length;
          return void setTimeout(() => {
            awaiting--;
            cb(null, `Queued as ${n}`);
          }, later);
        }
        if (verdict === 'accept') return cb(null, `Queued as ${received.length}`);
        answer(session, verdict, cb);
      });
    },
  });
  /** The connection of a session, to drop it without a word. */
  const socketOf = (session: SMTPServerSession) =>
    [...((server as unknown as { connections: Set<{ id: string; _socket: Socket }> }).connections ?? [])].find((c) => c.id === session.id)?._socket;
  function answer(session: SMTPServerSession, v: Verdict, cb: (err?: Error | null) => void) {
    if (v === 'accept' || (typeof v === 'object' && 'acceptAfterMs' in v)) return cb();
    if (v === 'drop') {
      socketOf(session)?.destroy();
      return;
    }
    cb(Object.assign(new Error(v.message ?? (v.code >= 500 ? 'Refused by the test sink' : 'Try again later')), { responseCode: v.code }));
  }
  // a client killed mid-transaction resets its connection: that is the point of some tests
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    host: '127.0.0.1', port, received,
    peakAwaiting: () => peak,
    resetPeak: () => (peak = awaiting),
    script: (fn) => (decide = fn),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A server that takes connections and never says a word: a mail server gone dark. */
export async function startBlackHole(): Promise<{ port: number; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    stop: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
