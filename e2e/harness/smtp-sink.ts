import { SMTPServer } from 'smtp-server';

/** What the SMTP server was given: the envelope's recipients and the raw message. */
export interface Received {
  to: string[];
  raw: string;
}

/**
 * A receiving SMTP server on 127.0.0.1 (the npm package smtp-server): plain, no sign-in needed.
 * Recipients at refused.example are refused with 550 while `refusing` is on; those at later.example
 * always get 451 (try later). Everything else is accepted and kept in `received`.
 */
export interface SmtpSink {
  port: number;
  received: Received[];
  refusing: boolean;
  stop: () => Promise<void>;
}

const reply = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });

export async function startSmtpSink(): Promise<SmtpSink> {
  const sink: SmtpSink = { port: 0, received: [], refusing: true, stop: async () => {} };
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo: (address, _session, cb) => {
      const to = address.address.toLowerCase();
      if (to.endsWith('@refused.example') && sink.refusing) return cb(reply(550, '5.1.1 <' + to + '>: mailbox unavailable'));
      if (to.endsWith('@later.example')) return cb(reply(451, '4.7.1 Greylisted, try again later'));
      cb();
    },
    onData: (stream, session, cb) => {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString()));
      stream.on('end', () => {
        sink.received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  sink.port = (smtp.server.address() as { port: number }).port;
  sink.stop = () => new Promise<void>((r) => smtp.close(() => r()));
  return sink;
}
