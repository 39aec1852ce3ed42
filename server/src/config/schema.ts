import { z } from 'zod';
import { embedOrigins } from './origins.ts';

/**
 * Every setting Mailroom reads, with its environment variable, type, default and one-line description.
 * `mailroom config` prints this table. Nothing outside config/ reads process.env.
 */
const bool = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')]);

export const settings = {
  host: { env: 'HOST', schema: z.string().default('127.0.0.1'), doc: 'Address the HTTP server listens on.' },
  port: { env: 'PORT', schema: z.coerce.number().int().min(0).max(65535).default(8080), doc: 'HTTP port (0 picks a free one).' },
  publicUrl: { env: 'PUBLIC_URL', schema: z.string().url().optional(), doc: 'Address users open in the browser; defaults to http://HOST:PORT.' },
  dataDir: { env: 'DATA_DIR', schema: z.string().default('./data'), doc: 'Directory for the embedded database (PGlite) and the blob store.' },
  databaseUrl: { env: 'DATABASE_URL', schema: z.string().optional(), doc: 'PostgreSQL connection string; unset means embedded PGlite in DATA_DIR/pglite.' },
  databasePoolSize: { env: 'DATABASE_POOL_SIZE', schema: z.coerce.number().int().min(1).max(200).default(10), doc: 'Connections in the PostgreSQL pool.' },
  pgliteSharedBuffersMb: { env: 'PGLITE_SHARED_BUFFERS_MB', schema: z.coerce.number().int().min(1).max(4096).default(16), doc: 'shared_buffers of the embedded database, in MiB (memory stays low on laptops).' },
  mailDomain: { env: 'MAIL_DOMAIN', schema: z.string().regex(/^[a-z0-9.-]+$/i).default('mailroom.local'), doc: "The system's mail domain: users' addresses are login@MAIL_DOMAIN." },
  logLevel: { env: 'LOG_LEVEL', schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'), doc: 'pino log level.' },
  bodyLimitBytes: { env: 'BODY_LIMIT_BYTES', schema: z.coerce.number().int().min(1024).default(1048576), doc: 'Largest JSON request body accepted; larger ones get 413.' },
  secretKey: { env: 'SECRET_KEY', schema: z.string().min(32).optional(), doc: 'Server secret (>= 32 chars) for signing user tokens; when unset one is generated once and kept in the database.' },
  sessionTtlHours: { env: 'SESSION_TTL_HOURS', schema: z.coerce.number().min(1).default(168), doc: 'How long a browser session lasts without use.' },
  trustProxy: { env: 'TRUST_PROXY', schema: bool.default(false), doc: 'Take the client address from X-Forwarded-For (set true behind a reverse proxy).' },
  cookieSecure: { env: 'COOKIE_SECURE', schema: bool.default(false), doc: 'Mark the session cookie Secure (set true behind HTTPS).' },
  loginMaxFailures: { env: 'LOGIN_MAX_FAILURES', schema: z.coerce.number().int().min(1).default(5), doc: 'Failed sign-ins per login (or per address) allowed within the window.' },
  loginWindowSeconds: { env: 'LOGIN_WINDOW_SECONDS', schema: z.coerce.number().int().min(1).default(900), doc: 'The window for counting failed sign-ins.' },
  userTokenTtlSeconds: { env: 'USER_TOKEN_TTL_SECONDS', schema: z.coerce.number().int().min(30).default(900), doc: 'Default lifetime of host-minted user tokens.' },
  objectAccessCacheSeconds: { env: 'OBJECT_ACCESS_CACHE_SECONDS', schema: z.coerce.number().min(0).default(30), doc: 'How long an access callback answer is trusted.' },
  objectAccessTimeoutMs: { env: 'OBJECT_ACCESS_TIMEOUT_MS', schema: z.coerce.number().int().min(100).default(3000), doc: 'Timeout for an access callback; a timeout denies access.' },
  eventsRetentionDays: { env: 'EVENTS_RETENTION_DAYS', schema: z.coerce.number().min(0.01).default(7), doc: 'Events older than this are pruned; clients further behind refetch.' },
  eventsResumeLimit: { env: 'EVENTS_RESUME_LIMIT', schema: z.coerce.number().int().min(1).default(1000), doc: 'A client missing more events than this is told to refetch instead.' },
  workers: { env: 'WORKERS', schema: bool.default(true), doc: 'Run background job workers in this process.' },
  serveWeb: { env: 'SERVE_WEB', schema: bool.default(true), doc: 'Serve the built web client from web/dist.' },
  webDir: { env: 'WEB_DIR', schema: z.string().optional(), doc: 'Where the built web client lives; defaults to web/dist in the repository.' },
  embedAllowedOrigins: { env: 'EMBED_ALLOWED_ORIGINS', schema: embedOrigins, doc: 'Sites whose pages may show the discussion widget (frame /embed/…): origins separated by spaces or commas (https://erp.example.com), or * for any site; unset means none but Mailroom itself.' },
  adminLogin: { env: 'ADMIN_LOGIN', schema: z.string().default('admin'), doc: 'Login of the administrator created on first start.' },
  adminPassword: { env: 'ADMIN_PASSWORD', schema: z.string().min(8).optional(), doc: 'Password for that administrator; a random one is printed when unset.' },
  mailAttachmentMaxBytes: { env: 'MAIL_ATTACHMENT_MAX_BYTES', schema: z.coerce.number().int().min(1).default(25 * 1024 * 1024), doc: 'Largest file one may attach to internal mail.' },
  mailPollSeconds: { env: 'MAIL_POLL_SECONDS', schema: z.coerce.number().int().min(30).default(300), doc: 'How often a client without a live connection checks for mail (people may set their own).' },
  mailUnreadExpireDays: { env: 'MAIL_UNREAD_EXPIRE_DAYS', schema: z.coerce.number().min(0.001).default(7), doc: 'Unread internal mail expires after this many days; the sender gets a note.' },
  mailTrashPurgeDays: { env: 'MAIL_TRASH_PURGE_DAYS', schema: z.coerce.number().min(0.001).default(30), doc: 'Mail in Trash is deleted for good after this many days.' },
  mailSecretsKey: { env: 'MAIL_SECRETS_KEY', schema: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, '32 bytes in base64').optional(), doc: 'Key (32 bytes, base64) sealing external account passwords and tokens; when unset one is made once in DATA_DIR/mail-secrets.key (give every process the same key).' },
  accountTimeoutMs: { env: 'ACCOUNT_TIMEOUT_MS', schema: z.coerce.number().int().min(500).default(15000), doc: 'How long to wait for an external mail server to answer a connection or a command.' },
  accountSyncSeconds: { env: 'ACCOUNT_SYNC_SECONDS', schema: z.coerce.number().int().min(5).default(300), doc: 'How often external accounts are synchronised when no IDLE connection reports new mail.' },
  accountIdle: { env: 'ACCOUNT_IDLE', schema: bool.default(true), doc: 'Keep an IMAP IDLE connection per full-mode account so new mail arrives at once.' },
  accountTlsCaFile: { env: 'ACCOUNT_TLS_CA_FILE', schema: z.string().optional(), doc: 'Extra certificate authorities (PEM file) trusted for external mail servers, e.g. a company CA.' },
  accountFetchBatch: { env: 'ACCOUNT_FETCH_BATCH', schema: z.coerce.number().int().min(1).max(5000).default(200), doc: 'Messages fetched and stored per transaction while synchronising (the resume step after a cut).' },
  outboxConcurrency: { env: 'OUTBOX_CONCURRENCY', schema: z.coerce.number().int().min(1).max(500).default(16), doc: 'Messages one process sends at once (outgoing mail queue).' },
  outboxPerDestination: { env: 'OUTBOX_PER_DESTINATION', schema: z.coerce.number().int().min(1).max(100).default(4), doc: 'Messages one process sends at once to one SMTP server (8 times as many are claimed ahead across all processes), so a dead server holds only its own places.' },
  outboxUnrecordedMax: {
    env: 'OUTBOX_UNRECORDED_MAX',
    schema: z.coerce.number().int().min(0).max(1000).optional(),
    doc: 'Messages to one SMTP server whose last line may have gone out while their outcome is not written yet (0: no limit); a crash of the process sends at most this many twice. Default 2 on PostgreSQL; none on PGlite, which writes outcomes in groups on the server\'s own thread.',
  },
  outboxLeaseSeconds: { env: 'OUTBOX_LEASE_SECONDS', schema: z.coerce.number().int().min(5).max(3600).default(120), doc: 'How long a claimed message is held by its worker; past it (the worker died) another takes it.' },
  outboxTimeoutMs: { env: 'OUTBOX_TIMEOUT_MS', schema: z.coerce.number().int().min(200).default(30000), doc: 'How long to wait for an SMTP server to connect and to answer (outgoing mail queue).' },
  outboxLifetimeHours: { env: 'OUTBOX_LIFETIME_HOURS', schema: z.coerce.number().min(0.001).default(120), doc: 'How long a message is retried before it fails for good (default 5 days).' },
  outboxRetrySeconds: { env: 'OUTBOX_RETRY_SECONDS', schema: z.coerce.number().min(0.01).default(60), doc: 'The first retry delay; each later one doubles (with jitter), up to an hour.' },
  nodeId: { env: 'NODE_ID', schema: z.string().optional(), doc: 'Name of this process among several; random when unset.' },
} as const;

export type SettingKey = keyof typeof settings;
export type Config = { [K in SettingKey]: z.output<(typeof settings)[K]['schema']> };
