// The raw peer of the chat bench, in its own process: the physical limit of "one message to every
// socket" on this machine with Node and `ws`. node:http + ws WebSocketServer on 127.0.0.1 (a random
// port), no storage, no authentication, no per-socket bookkeeping. Any WebSocket upgrade is a client
// (it gets `{"kind":"ready"}` at once, as Mailroom's stream does); a POST to a path ending in
// `/messages` with a JSON body `{text}` is broadcast to every open socket as one text frame of
// FRAME_BYTES bytes (Mailroom's frame size, measured by the bench) shaped like a Mailroom event, and
// answered 201 after the broadcast (as Mailroom answers after its fan-out). The frame is encoded
// once per message and the same Buffer is handed to every socket (RAW_SEND=string sends the string to
// each socket instead, as Mailroom's hub does). Prints `port N`; ends when stdin closes or on SIGTERM.
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { WebSocketServer, type WebSocket } from 'ws';

const FRAME_BYTES = Number(process.env.FRAME_BYTES ?? 700);
const AS_STRING = process.env.RAW_SEND === 'string';
const sockets = new Set<WebSocket>();
let nextId = 1;
let delivered = 0;

const server = createServer((req, res) => {
  if (req.method !== 'POST' || !req.url?.endsWith('/messages')) {
    res.statusCode = 404;
    return void res.end();
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const { text } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text: string };
    const id = String(nextId++);
    const event = { id, type: 'discussion.message', at: new Date().toISOString(), payload: { message: { id, text, pad: '' } } };
    const base = JSON.stringify({ kind: 'event', event });
    event.payload.message.pad = 'x'.repeat(Math.max(0, FRAME_BYTES - Buffer.byteLength(base)));
    const str = JSON.stringify({ kind: 'event', event });
    const frame = AS_STRING ? str : Buffer.from(str);
    for (const s of sockets) {
      if (s.readyState !== s.OPEN) continue;
      s.send(frame, { binary: false });
      delivered++;
    }
    res.statusCode = 201;
    res.setHeader('content-type', 'application/json');
    res.end(`{"id":"${id}"}`);
  });
});
// as long as Fastify's (Mailroom's) keep-alive, so idle posting connections live as long on both
server.keepAliveTimeout = 72_000;
const wss = new WebSocketServer({ server, perMessageDeflate: false, maxPayload: 64 * 1024 });
wss.on('connection', (s) => {
  sockets.add(s);
  s.on('close', () => sockets.delete(s));
  s.send('{"kind":"ready","lastEventId":"0"}');
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`port ${(server.address() as { port: number }).port}\n`));

const stop = () => process.exit(0);
createInterface({ input: process.stdin })
  .on('line', (line) => {
    if (line.trim() === 'mem') process.stdout.write(`mem ${JSON.stringify(process.memoryUsage())} connections ${sockets.size} delivered ${delivered}\n`);
  })
  .on('close', stop);
process.on('SIGTERM', stop);
