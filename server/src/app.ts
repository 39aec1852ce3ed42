import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { LookupFunction } from 'node:net';
import { join } from 'node:path';
import tls from 'node:tls';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyWebsocket from '@fastify/websocket';
import type { Config } from './config/index.ts';
import type { Deps } from './deps.ts';
import { repoRoot } from './paths.ts';
import { BlobStore } from './platform/blobs/index.ts';
import { loadSealingKey, Sealer } from './platform/crypto/seal.ts';
import { migrate, openDb, type Db } from './platform/db/index.ts';
import { EventBus, pruneEvents } from './platform/events/index.ts';
import { errorHandler, notFoundHandler } from './platform/http/error-handler.ts';
import { registerRoutes } from './platform/http/register.ts';
import type { RouteDef } from './platform/http/route.ts';
import { Worker, type JobHandler } from './platform/jobs/index.ts';
import { createLogger, type Logger } from './platform/log.ts';
import { createMetrics } from './platform/metrics.ts';
import { Hub } from './platform/realtime/index.ts';
import { accountRoutes, AccountWatcher, sendFromAccount, syncAccount } from './modules/accounts/index.ts';
import { authRoutes, createAuthenticator, loadSecret } from './modules/auth/index.ts';
import { eventRoutes, registerEventSocket } from './modules/events/index.ts';
import { mailRoutes, prunePacks, runMailRetention } from './modules/mail/index.ts';
import { outboxRoutes, OutboxWorker, pruneOutbox } from './modules/outbox/index.ts';
import { discussionRoutes } from './modules/discussions/index.ts';
import { presenceRoutes, touch } from './modules/presence/index.ts';
import { objectRoutes } from './modules/objects/index.ts';
import { registerFraming, registerWeb, systemRoutes } from './modules/system/index.ts';
import { userRoutes } from './modules/users/index.ts';

const PRESENCE_SLICES = 6;
/** A person's fixed slice of the presence refresh (by the last hex digits of their id). */
const presenceSlice = (userId: string) => parseInt(userId.slice(-4), 16) % PRESENCE_SLICES;

export const VERSION = '0.1.0';

export interface BuildOptions {
  /** An already open database (tests share a template); otherwise opened from config. */
  db?: Db;
  log?: Logger;
  now?: () => Date;
  fetch?: typeof fetch;
  /** Resolves external mail servers' names instead of the system (tests: no real DNS). */
  mailLookup?: LookupFunction;
  /** Extra job handlers by queue name (later modules register theirs here). */
  jobs?: Record<string, JobHandler>;
}

export interface MailroomApp {
  app: FastifyInstance;
  deps: Deps;
  /** Every route Fastify knows, as registered (for the generated authorization test). */
  routes: RouteOptions[];
  defs: RouteDef[];
  close(): Promise<void>;
}

/** Builds the whole server without listening: database, migrations, events, routes, workers. */
export async function buildApp(config: Config, opts: BuildOptions = {}): Promise<MailroomApp> {
  const log = opts.log ?? createLogger(config.logLevel);
  const ownDb = !opts.db;
  const db = opts.db ?? (await openDb(config, (err) => log.error({ err }, 'database connection error')));
  await migrate(db);
  const nodeId = config.nodeId ?? randomUUID().slice(0, 8);
  const bus = new EventBus(db, nodeId, log);
  await bus.start();
  const metrics = createMetrics();
  const hub = new Hub(bus);
  const deps: Deps = {
    config, db, log, bus, hub, metrics,
    blobs: new BlobStore(join(config.dataDir, 'blobs')),
    secret: await loadSecret(db, config.secretKey),
    now: opts.now ?? (() => new Date()),
    fetch: opts.fetch ?? fetch,
    sealer: new Sealer(loadSealingKey(config.mailSecretsKey, join(config.dataDir, 'mail-secrets.key'))),
    mailCa: config.accountTlsCaFile ? [...tls.rootCertificates, readFileSync(config.accountTlsCaFile, 'utf8')] : undefined,
    mailLookup: opts.mailLookup,
  };
  bus.subscribe((events) => metrics.eventsDelivered.inc(events.reduce((n, e) => n + e.userIds.filter((u) => hub.isOnline(u)).length, 0)));

  const app = Fastify({
    loggerInstance: log as unknown as FastifyBaseLogger,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
    },
  });
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (r) => void routes.push(r));
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
  });
  registerFraming(app, config.embedAllowedOrigins);
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unknown';
    metrics.httpRequests.inc({ method: req.method, route, status: reply.statusCode });
    metrics.httpDuration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });
  // an empty JSON body (DELETE from some clients) is no body; anything else must be JSON without prototype tricks
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) =>
    body === '' ? done(null, undefined) : json(req, body as string, done),
  );
  await app.register(fastifyCookie);
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });

  const auth = createAuthenticator(deps);
  const defs: RouteDef[] = [];
  defs.push(
    ...systemRoutes(deps, () => defs, VERSION),
    ...authRoutes(deps),
    ...userRoutes(deps),
    ...objectRoutes(deps),
    ...mailRoutes(deps, { sendFromAccount: (actor, input) => sendFromAccount(deps, actor, input) }),
    ...accountRoutes(deps),
    ...outboxRoutes(deps),
    ...discussionRoutes(deps),
    ...presenceRoutes(deps),
    ...eventRoutes(deps),
  );
  await app.register(async (scope) => {
    registerRoutes(scope, auth, defs, config.cookieSecure);
    registerEventSocket(scope, deps, auth);
    if (config.serveWeb) await registerWeb(scope, config.webDir ?? join(repoRoot, 'web/dist'));
  });
  await app.ready();

  const heartbeat = setInterval(() => hub.heartbeat(), 30_000);
  // presence: the people with a socket here are still online, each every 30 s, in six slices 5 s
  // apart (on PGlite one upsert of thousands of rows would hold the event loop for a moment)
  let slice = 0;
  const presence = setInterval(() => {
    const part = hub.onlineUserIds().filter((id) => presenceSlice(id) === slice);
    slice = (slice + 1) % PRESENCE_SLICES;
    void touch(db, part, true).catch((err) => log.warn({ err }, 'presence refresh failed'));
  }, 30_000 / PRESENCE_SLICES);
  presence.unref();
  const maintenance = setInterval(() => void runMaintenance(deps).catch((err) => log.error({ err }, 'maintenance failed')), 3600_000);
  heartbeat.unref();
  maintenance.unref();
  const workerId = `${nodeId}:${process.pid}`;
  const handlers: Record<string, JobHandler> = {
    maintenance: () => runMaintenance(deps),
    'account.sync': (job) => syncAccount(deps, (job.payload as { accountId: string }).accountId, workerId),
    ...opts.jobs,
  };
  const worker = config.workers
    ? new Worker(db, handlers, log, {
        workerId,
        onOutcome: (queue, outcome) => metrics.jobs.inc({ queue, outcome }),
      })
    : null;
  await worker?.start();
  const watcher = config.workers ? new AccountWatcher(deps, workerId) : null;
  watcher?.start();
  const outbox = config.workers ? new OutboxWorker(deps, workerId) : null;
  await outbox?.start();

  return {
    app, deps, routes, defs,
    async close() {
      clearInterval(heartbeat);
      clearInterval(presence);
      clearInterval(maintenance);
      await watcher?.stop();
      await outbox?.stop();
      await worker?.stop();
      hub.close();
      await app.close();
      await bus.stop();
      if (ownDb) await db.close();
    },
  };
}

/**
 * Idempotent housekeeping, safe to run in every process: old events, sessions, sign-in failures,
 * mail retention, sent mail past its keeping time, packs of originals no message names; on PGlite, which has no autovacuum, a
 * VACUUM ANALYZE as well (dead rows, GIN pending lists and planner statistics would otherwise only grow stale).
 */
export async function runMaintenance(deps: Pick<Deps, 'db' | 'config' | 'bus' | 'now' | 'blobs'>) {
  await runMailRetention(deps, deps.now());
  await prunePacks(deps);
  await pruneOutbox(deps.db);
  await pruneEvents(deps.db, deps.config.eventsRetentionDays);
  await deps.db.query('delete from sessions where expires_at < now()');
  await deps.db.query('delete from login_failures where at < now() - make_interval(secs => $1)', [deps.config.loginWindowSeconds]);
  await deps.db.query(`delete from jobs where status in ('done', 'failed') and updated_at < now() - interval '7 days'`);
  if (deps.db.kind === 'pglite') await deps.db.exec('vacuum analyze');
}
