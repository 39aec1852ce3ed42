import type { OutboxProblem } from '@mailroom/contract';
import type { Deps } from '../../deps.ts';
import { composable, composeMail, type MailParts } from './compose.ts';
import { ComposeThread, type DkimOptions } from './compose-thread.ts';
import { SmtpPool, type SendFailure } from '../../protocols/smtp-client/pool.ts';
import type { ClaimedMail } from './claim.ts';
import { loadSettings, transportOptions, type SettingsRow } from './settings.ts';
import { systemAuth } from './system-auth.ts';

type SendDeps = Pick<Deps, 'db' | 'blobs' | 'sealer' | 'mailCa' | 'config' | 'fetch'>;

export type Outcome =
  | { kind: 'sent'; response: string; refused: string[] }
  | { kind: 'deferred'; problem: OutboxProblem; detail: string; unreachable: boolean }
  | { kind: 'failed'; problem: OutboxProblem; detail: string; response: string | null };

type SmtpError = Omit<SendFailure, 'afterData'>;

/** A message built and ready to go, with the system account it goes through. */
export interface Prepared { kind: 'ready'; settings: SettingsRow; raw: Buffer }

/**
 * What an SMTP failure means for the message. 5xx: refused for good. 4xx, a connection that failed
 * or dropped, a timeout: try again later. A drop after the message's last line went out, before the
 * server answered, may have been a delivery: tried again, counted as a possible duplicate.
 * Wrong credentials or TLS settings are the administrator's to fix, so they wait too.
 */
export function classify(err: SmtpError, afterLastLine: boolean): Outcome {
  const detail = (err.response || err.message || String(err)).slice(0, 1000);
  const code = err.responseCode ?? 0;
  // a refused sign-in, or an OAuth2 grant that is gone: the administrator signs in again
  const problem = (err as { problem?: string }).problem;
  if (err.code === 'EAUTH' || problem === 'AUTH_FAILED' || problem === 'OAUTH_REVOKED') return { kind: 'deferred', problem: 'AUTH_FAILED', detail, unreachable: true };
  if (code >= 500 && code < 600) return { kind: 'failed', problem: 'REFUSED', detail, response: err.response ?? null };
  if (code >= 400 && code < 500) return { kind: 'deferred', problem: 'TEMPORARY', detail, unreachable: false };
  if (afterLastLine) return { kind: 'deferred', problem: 'MAYBE_SENT', detail, unreachable: false };
  if (err.code === 'ETLS' || /wrong version number|ssl3_get_record|tls/i.test(err.message)) return { kind: 'deferred', problem: 'TLS_MISMATCH', detail, unreachable: true };
  const unreachable = /ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN/.test(`${err.code} ${err.message}`) || (err.code === 'ETIMEDOUT' && err.command === 'CONN');
  if (err.code === 'ETIMEDOUT') return { kind: 'deferred', problem: 'TIMEOUT', detail, unreachable };
  return { kind: 'deferred', problem: 'CONNECTION', detail, unreachable };
}

/**
 * Sends queued mail through each organisation's system account over kept-open SMTP connections
 * (`SmtpPool`, one per account and settings version). The message is built (and DKIM-signed) with
 * nodemailer in memory first; the pool tells whether a failure came after the body went out.
 */
export class Sender {
  private pools = new Map<string, { key: string; pool: SmtpPool }>();
  private settings = new Map<string, { at: number; row: SettingsRow }>();
  /** The DKIM options (the key unsealed) per settings row: made once, not per message. */
  private dkim = new WeakMap<SettingsRow, { key: string; options: DkimOptions }>();
  private composer = new ComposeThread();

  constructor(private deps: SendDeps) {}

  /** The organisation's system account, read at most every 5 seconds. */
  async settingsOf(orgId: string) {
    const hit = this.settings.get(orgId);
    if (hit && Date.now() - hit.at < 5000) return hit.row;
    const row = await loadSettings(this.deps.db, orgId);
    this.settings.set(orgId, { at: Date.now(), row });
    return row;
  }

  private poolOf(s: SettingsRow) {
    const key = `${s.host}:${s.port}:${s.security}:${s.auth}:${s.login}:${s.updated_at ? new Date(s.updated_at).getTime() : 0}`;
    const have = this.pools.get(s.org_id);
    if (have?.key === key) return have.pool;
    have?.pool.close();
    const pool = new SmtpPool({ host: s.host, port: s.port, security: s.security, auth: () => systemAuth(this.deps, s), timeoutMs: this.deps.config.outboxTimeoutMs, ca: this.deps.mailCa });
    this.pools.set(s.org_id, { key, pool });
    return pool;
  }

  /**
   * The message as it goes out: headers, bodies, files from the blob store, DKIM signature. The
   * sender's address and Reply-To are the system account's as it is now (mail queued before it
   * was set up, or before it changed, goes out as it is now).
   */
  async build(m: ClaimedMail, s: SettingsRow) {
    const h = m.headers;
    const attachments = await Promise.all(
      m.attachments.map(async (a) => ({ filename: a.filename, contentType: a.contentType, content: await readAll(this.deps.blobs.read(a.sha256)) })),
    );
    let dkim = this.dkim.get(s);
    if (!dkim) this.dkim.set(s, (dkim = { key: `${s.org_id}:${s.updated_at ? new Date(s.updated_at).getTime() : 0}`, options: transportOptions(this.deps, s).dkim }));
    const parts: MailParts = {
      messageId: m.message_id, from: { name: h.fromName || s.display_name || '', address: s.from_address! }, to: h.to, cc: h.cc, replyTo: s.reply_to ?? null,
      inReplyTo: h.inReplyTo ?? null, subject: m.subject, text: m.text_body, html: m.html_body, attachments,
    };
    if (composable(parts, dkim.options !== undefined)) return composeMail(parts);
    return this.composer.compose(dkim.key, dkim.options, {
      messageId: parts.messageId, from: parts.from, to: parts.to, cc: parts.cc, replyTo: parts.replyTo ?? undefined, inReplyTo: parts.inReplyTo ?? undefined,
      references: parts.inReplyTo ?? undefined, subject: parts.subject, text: parts.text ?? undefined, html: parts.html ?? undefined, attachments,
      disableFileAccess: true, disableUrlAccess: true,
    });
  }

  /**
   * Readies a message for the wire: the system account as it is now, the message built. Done ahead
   * of a free connection (the worker prepares the next few while the current ones send), so a
   * connection whose server has just answered starts the next message at once. Returns the outcome
   * instead when the message cannot go (sending off, no server, a message that cannot be built).
   */
  async prepare(m: ClaimedMail): Promise<Prepared | Outcome> {
    const s = await this.settingsOf(m.org_id);
    if (!s.enabled) return { kind: 'deferred', problem: 'SENDING_OFF', detail: 'Sending is switched off in the system account', unreachable: false };
    if (!s.host || !s.from_address) return { kind: 'deferred', problem: 'NOT_CONFIGURED', detail: 'The system account has no server or address', unreachable: false };
    try {
      return { kind: 'ready', settings: s, raw: await this.build(m, s) };
    } catch (err) {
      return { kind: 'failed', problem: 'REFUSED', detail: `The message could not be built: ${(err as Error).message}`, response: null };
    }
  }

  /** Sends a prepared message over the account's kept-open connections; the server's answer as an outcome. */
  async transmit(m: ClaimedMail, p: Prepared, beforeLastLine?: (go: () => void) => void): Promise<Outcome> {
    try {
      const info = await this.poolOf(p.settings).send({ from: p.settings.from_address!, to: m.recipients }, p.raw, beforeLastLine);
      return { kind: 'sent', response: info.response, refused: info.refused };
    } catch (err) {
      return classify(err as SendFailure, (err as SendFailure).afterData === true);
    }
  }

  close() {
    this.composer.close();
    for (const p of this.pools.values()) p.pool.close();
    this.pools.clear();
  }
}

async function readAll(stream: NodeJS.ReadableStream) {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}
