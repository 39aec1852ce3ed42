import { loadConfig } from '../config/index.ts';
import { buildApp } from '../app.ts';
import { ensureFirstAdmin } from '../modules/auth/index.ts';

/** `mailroom start`: migrate, create the first administrator if needed, serve until SIGINT/SIGTERM. */
export async function start() {
  const config = loadConfig();
  const started = Date.now();
  const m = await buildApp(config);
  const first = await ensureFirstAdmin(m.deps);
  await m.app.listen({ host: config.host, port: config.port });
  const addr = m.app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const url = config.publicUrl ?? `http://${config.host}:${port}`;
  if (first) {
    const how = first.generated ? `password ${first.password} (printed once; change it in Settings)` : 'the password from ADMIN_PASSWORD';
    process.stdout.write(`\nFirst start: administrator created.\n  Sign in at ${url} as "${first.login}" with ${how}.\n\n`);
  }
  process.stdout.write(`Mailroom ready at ${url} (database: ${m.deps.db.kind}, ${Date.now() - started} ms)\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await m.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
