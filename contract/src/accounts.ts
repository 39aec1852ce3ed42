import { z } from 'zod';
import { Id, Line } from './common.ts';

/** How a connection is protected: TLS from the first byte, upgraded with STARTTLS (STLS for POP3), or none. */
export const Security = z.enum(['tls', 'starttls', 'none']);
export type Security = z.infer<typeof Security>;
const Host = z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, 'A host name or an address');
export const Endpoint = z.object({ host: Host, port: z.number().int().min(1).max(65535), security: Security }).strict();
export type Endpoint = z.infer<typeof Endpoint>;

/** Known providers; "other" takes every setting from the user; an organisation adds its own presets. */
export const PresetId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'A preset id (lowercase letters, digits, dashes)');
export const Preset = z.object({
  id: PresetId,
  name: z.string(),
  imap: Endpoint.nullable(),
  pop3: Endpoint.nullable(),
  smtp: Endpoint,
  /** OAuth2 sign-in is offered (the administrator configured a client for this provider). */
  oauth2: z.boolean(),
  /** Where the provider wants IMAP switched on or an app password made, shown with errors. */
  helpUrl: z.string().nullable(),
  /** Domains whose addresses pick this preset. */
  domains: z.array(z.string()),
  builtIn: z.boolean(),
});
export type Preset = z.infer<typeof Preset>;
export const PresetList = z.object({ items: z.array(Preset) });
export const PresetInput = Preset.omit({ builtIn: true, oauth2: true }).strict();
export type PresetInput = z.infer<typeof PresetInput>;

export const AccountMode = z.enum(['full', 'light']);
export const AccountStatus = z.enum(['new', 'syncing', 'ready', 'error', 'disabled']);
/** Why an account failed, as a stable code the client words in the user's language. */
export const AccountProblem = z.enum([
  'AUTH_FAILED', 'TLS_MISMATCH', 'HOST_NOT_FOUND', 'CONNECTION_REFUSED', 'TIMEOUT', 'IMAP_DISABLED', 'CERTIFICATE_INVALID', 'SEND_REFUSED', 'OAUTH_REVOKED', 'PROTOCOL_ERROR',
]);
export type AccountProblem = z.infer<typeof AccountProblem>;

const Email = z.email().max(254);
const Signatures = z.object({ en: z.string().max(20_000).optional(), ru: z.string().max(20_000).optional(), pl: z.string().max(20_000).optional() }).strict();

export const AccountInput = z
  .object({
    name: Line(200),
    email: Email,
    displayName: Line(200).optional(),
    preset: PresetId.default('other'),
    protocol: z.enum(['imap', 'pop3']).default('imap'),
    incoming: Endpoint,
    smtp: Endpoint,
    login: Line(320),
    /** A password or an app password; never returned. Omit on update to keep the stored one. */
    password: z.string().min(1).max(1024).optional(),
    mode: AccountMode.default('full'),
    /** The first synchronisation loads this many of the newest messages per folder, the rest follows. */
    initialCount: z.number().int().min(1).max(10_000).default(50),
    /** POP3: leave downloaded messages on the server for so many days (0: delete at once; null: forever). */
    leaveOnServerDays: z.number().int().min(0).max(3650).nullable().default(null),
    signatures: Signatures.default({}),
  })
  .strict();
export type AccountInput = z.infer<typeof AccountInput>;
export const AccountUpdate = AccountInput.partial().strict();
/** Administrators: a shared mailbox of the organisation (IMAP) and the people responsible for it. */
export const SharedAccountInput = AccountInput.extend({ protocol: z.literal('imap').default('imap'), responsibleIds: z.array(Id).min(1).max(200) }).strict();
export const Responsible = z.object({ userIds: z.array(Id).min(1).max(200) }).strict();

export const Account = z.object({
  id: Id,
  name: z.string(),
  email: z.string(),
  displayName: z.string().nullable(),
  preset: z.string(),
  protocol: z.enum(['imap', 'pop3']),
  incoming: Endpoint,
  smtp: Endpoint,
  login: z.string(),
  auth: z.enum(['password', 'oauth2']),
  /** A secret is stored (it is never shown). */
  hasSecret: z.boolean(),
  mode: AccountMode,
  initialCount: z.number().int(),
  leaveOnServerDays: z.number().int().nullable(),
  signatures: Signatures,
  shared: z.boolean(),
  /** A shared account: the people whose mailboxes it fills (they use it; administrators manage it). */
  responsibleIds: z.array(Id),
  status: AccountStatus,
  problem: AccountProblem.nullable(),
  /** The server's own words about the last failure (not translated). */
  detail: z.string().nullable(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  lastSyncAt: z.string().nullable(),
});
export type Account = z.infer<typeof Account>;
export const AccountList = z.object({ items: z.array(Account) });

/** The steps of "check account", each passed or failed with the reason. */
export const CheckStep = z.object({
  step: z.enum(['connect', 'login', 'folders', 'send']),
  ok: z.boolean(),
  problem: AccountProblem.nullable(),
  detail: z.string().nullable(),
});
export const CheckResult = z.object({ ok: z.boolean(), steps: z.array(CheckStep), folders: z.array(z.string()) });
export type CheckResult = z.infer<typeof CheckResult>;
export const CheckInput = AccountInput.extend({ sendTest: z.boolean().default(true) }).strict();
/** Check a saved account, optionally with changes not saved yet (the stored password is used unless a new one is given). */
export const CheckSaved = z.object({ sendTest: z.boolean().default(true), changes: AccountUpdate.optional() }).strict();

/** Light mode: the server's folders and messages, read on demand. */
export const RemoteFolder = z.object({ path: z.string(), name: z.string(), specialUse: z.string().nullable(), messages: z.number().int().nullable() });
export type RemoteFolder = z.infer<typeof RemoteFolder>;
export const RemoteFolderList = z.object({ items: z.array(RemoteFolder) });
export const RemoteListQuery = z.object({
  folder: z.string().min(1).max(1000),
  /** The UID to continue below (newest first). */
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const RemoteSummary = z.object({
  uid: z.number().int(),
  subject: z.string(),
  from: z.object({ name: z.string(), email: z.string() }).nullable(),
  date: z.string().nullable(),
  seen: z.boolean(),
  size: z.number().int(),
});
export type RemoteSummary = z.infer<typeof RemoteSummary>;
export const RemotePage = z.object({ items: z.array(RemoteSummary), nextBefore: z.number().int().nullable() });
export const RemoteMessageQuery = z.object({ folder: z.string().min(1).max(1000), uid: z.coerce.number().int().min(1) });
export const RemoteMessage = RemoteSummary.extend({ html: z.string(), text: z.string(), attachments: z.array(z.object({ filename: z.string(), size: z.number().int(), contentType: z.string() })) });
export type RemoteMessage = z.infer<typeof RemoteMessage>;
export const ImportRemote = z.object({ folder: z.string().min(1).max(1000), uids: z.array(z.number().int().min(1)).min(1).max(200) }).strict();
export const ImportResult = z.object({ entryIds: z.array(z.string()) });

/** An organisation's OAuth2 client at a provider (administrators); the secret is write-only. */
const HttpsUrl = z.url({ protocol: /^https?$/ }).max(2000);
export const OAuthClientInput = z
  .object({ authorizeUrl: HttpsUrl, tokenUrl: HttpsUrl, clientId: Line(500), clientSecret: z.string().max(2000).optional(), scope: Line(1000) })
  .strict();
export const OAuthClient = z.object({ presetId: PresetId, authorizeUrl: z.string(), tokenUrl: z.string(), clientId: z.string(), hasSecret: z.boolean(), scope: z.string() });
export type OAuthClient = z.infer<typeof OAuthClient>;
export const OAuthClientList = z.object({ items: z.array(OAuthClient) });

/**
 * Starts "Sign in with the provider": the settings of the new account (no password), or the
 * account to sign in again (a revoked or expired grant). The browser goes to authorizeUrl and
 * comes back to /api/v1/accounts/oauth/callback, which saves the account.
 */
export const OAuthStart = z.union([
  AccountInput.omit({ password: true }).strict(),
  z.object({ accountId: Id }).strict(),
]);
export const OAuthStarted = z.object({ authorizeUrl: z.string() });
export const OAuthCallbackQuery = z.object({
  state: z.string().min(1).max(200),
  code: z.string().max(4000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(1000).optional(),
  iss: z.string().max(2000).optional(),
});
