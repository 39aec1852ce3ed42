import { z } from 'zod';
import { Security } from './accounts.ts';
import { Id } from './common.ts';

/**
 * The outgoing mail queue: every e-mail leaving for an outside address, and the system account
 * it goes out through (unless sent from a person's own outside account).
 */
export const OutboxStatus = z.enum(['queued', 'sending', 'deferred', 'sent', 'failed', 'cancelled']);
export type OutboxStatus = z.infer<typeof OutboxStatus>;

/** Why a delivery did not go through, as a stable code the client words in the user's language. */
export const OutboxProblem = z.enum([
  'TEMPORARY', // the server answered 4xx
  'REFUSED', // the server answered 5xx: not retried
  'CONNECTION', // no connection, or it dropped before the message was accepted
  'TIMEOUT',
  'AUTH_FAILED',
  'TLS_MISMATCH',
  'MAYBE_SENT', // the connection dropped after the message's last line, before the server's answer
  'EXPIRED', // kept failing until the queue's lifetime ran out
  'SENDING_OFF', // the system account's sending is switched off
  'NOT_CONFIGURED', // no system account yet
]);
export type OutboxProblem = z.infer<typeof OutboxProblem>;

export const OutboxItem = z.object({
  id: z.string(),
  status: OutboxStatus,
  subject: z.string(),
  from: z.string(),
  recipients: z.array(z.string()),
  /** Where it goes: the SMTP server, host:port. */
  destination: z.string(),
  messageId: z.string(),
  attempts: z.number().int(),
  nextAttemptAt: z.iso.datetime().nullable(),
  problem: OutboxProblem.nullable(),
  lastError: z.string().nullable(),
  smtpResponse: z.string().nullable(),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime(),
  /** The person whose action sent it (null: the system). */
  senderId: Id.nullable(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;
export const OutboxPage = z.object({ items: z.array(OutboxItem), nextCursor: z.string().nullable(), counts: z.record(OutboxStatus, z.number().int()) });
export const OutboxQuery = z.object({
  status: OutboxStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type OutboxQuery = z.infer<typeof OutboxQuery>;

/** One line of the delivery log: kept after the message itself is deleted. */
export const OutboxLogEntry = z.object({
  id: z.string(),
  outboxId: z.string(),
  at: z.iso.datetime(),
  event: z.enum(['queued', 'attempt', 'sent', 'deferred', 'failed', 'cancelled', 'retried', 'lease-expired', 'deleted']),
  subject: z.string(),
  recipients: z.array(z.string()),
  messageId: z.string(),
  problem: OutboxProblem.nullable(),
  detail: z.string().nullable(),
});
export type OutboxLogEntry = z.infer<typeof OutboxLogEntry>;
export const OutboxLogPage = z.object({ items: z.array(OutboxLogEntry), nextCursor: z.string().nullable() });
export const OutboxLogQuery = z.object({
  outboxId: z.string().regex(/^[0-9]{1,19}$/).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

/** Header-bound text: no line breaks (header injection), no other control characters. */
const HeaderText = (max: number) => z.string().trim().max(max).regex(/^[^\u0000-\u001f\u007f]*$/, 'Line breaks and control characters are not allowed');
const Email = z.email().max(254);

export const SystemMailSettings = z.object({
  enabled: z.boolean(),
  accountName: HeaderText(200),
  fromAddress: Email.nullable(),
  displayName: HeaderText(200),
  replyTo: Email.nullable(),
  host: z.string().max(253),
  port: z.number().int().min(1).max(65535),
  security: Security,
  auth: z.enum(['none', 'password', 'oauth2']),
  login: HeaderText(320),
  /** Set: a password is stored (never returned). */
  hasPassword: z.boolean(),
  /** OAuth2: the provider preset signed in with, and whether the sign-in is done (tokens stored, never returned). */
  oauthPreset: z.string().nullable(),
  oauthSignedIn: z.boolean(),
  dkim: z.object({ domain: z.string().max(253), selector: z.string().max(63), hasKey: z.boolean() }).nullable(),
  /** After sending: delete the message (the delivery log stays) or keep it this many days. */
  afterSend: z.enum(['delete', 'archive']),
  archiveDays: z.number().int().min(1).max(3650),
});
export type SystemMailSettings = z.infer<typeof SystemMailSettings>;

export const SystemMailInput = z
  .object({
    enabled: z.boolean(),
    accountName: HeaderText(200),
    fromAddress: Email,
    displayName: HeaderText(200),
    replyTo: Email.nullable().optional(),
    host: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, 'A host name or an address'),
    port: z.number().int().min(1).max(65535),
    security: Security,
    auth: z.enum(['none', 'password', 'oauth2']),
    login: HeaderText(320).optional(),
    /** OAuth2: the provider preset (its OAuth client is the organisation's); sign in with POST /admin/system-mail/oauth/start. */
    oauthPreset: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/).nullable().optional(),
    /** Omitted: the stored password stays. */
    password: z.string().max(1000).optional(),
    dkim: z
      .object({
        domain: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.-]+$/),
        selector: z.string().trim().min(1).max(63).regex(/^[A-Za-z0-9._-]+$/),
        /** PEM private key; omitted: the stored one stays. */
        privateKey: z.string().max(20_000).optional(),
      })
      .strict()
      .nullable()
      .optional(),
    afterSend: z.enum(['delete', 'archive']).default('archive'),
    archiveDays: z.number().int().min(1).max(3650).default(30),
  })
  .strict();
export type SystemMailInput = z.infer<typeof SystemMailInput>;

export const SystemMailOAuthStart = z.object({ preset: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/) }).strict();

export const SystemMailTest = z.object({ to: Email, uploadId: Id.optional() }).strict();
/** The answer of a test message: what the server said, or why it failed. */
export const SystemMailTestResult = z.object({
  ok: z.boolean(),
  response: z.string().nullable(),
  problem: OutboxProblem.nullable(),
  detail: z.string().nullable(),
});
