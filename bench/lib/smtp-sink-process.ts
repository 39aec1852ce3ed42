// An SMTP sink in its own process (`node --import tsx bench/lib/smtp-sink-process.ts`), so the
// server side does not share an event loop with what is measured: smtp-server on 127.0.0.1, a
// random port, no sign-in needed, no STARTTLS; it takes every message (reads it to the end and
// answers 250) and only counts. Prints `port N` when listening; answers a `count` line on stdin
// with `count MESSAGES BYTES PEAK OPEN` (PEAK: the most connections open at once, OPEN: now;
// `count reset` starts PEAK over from the connections open now); ends when stdin closes or on
// SIGTERM. Started by `startSinkProcess` (smtp-sink.ts).
import { createInterface } from 'node:readline';
import { SMTPServer } from 'smtp-server';

let received = 0;
let bytes = 0;
// connections open now, and the most at once since the last `count reset`
let open = 0;
let peak = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  size: 50 * 1024 * 1024,
  onConnect(_session, cb) {
    peak = Math.max(peak, ++open);
    cb();
  },
  onClose() {
    open--;
  },
  onData(stream, _session, cb) {
    stream.on('data', (c: Buffer) => (bytes += c.length));
    stream.on('end', () => {
      received++;
      cb(null, `Queued as ${received}`);
    });
  },
});
server.on('error', (err) => process.stderr.write(`sink: ${err.message}\n`));
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`port ${(server.server.address() as { port: number }).port}\n`);
});

// nothing to keep: open client connections need not be waited for
const stop = () => process.exit(0);
createInterface({ input: process.stdin })
  .on('line', (line) => {
    const cmd = line.trim();
    if (cmd === 'count') process.stdout.write(`count ${received} ${bytes} ${peak} ${open}\n`);
    if (cmd === 'count reset') {
      process.stdout.write(`count ${received} ${bytes} ${peak} ${open}\n`);
      peak = open;
    }
  })
  .on('close', stop);
process.on('SIGTERM', stop);
