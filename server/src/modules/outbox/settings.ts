import { createPrivateKey } from 'node:crypto';
import type { SystemMailInput, SystemMailSettings } from '@mailroom/contract';
import type { Deps } from '../../deps.ts';
import type { Queryable } from '../../platform/db/index.ts';
import { invalid } from '../../platform/errors/index.ts';

export interface SettingsRow {
  org_id: string;
  enabled: boolean;
  account_name: string;
  from_address: string | null;
  display_name: string;
  reply_to: string | null;
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'none';
  auth: 'none' | 'password' | 'oauth2';
  login: string;
  secret: Uint8Array | null;
  oauth_preset: string | null;
  dkim_domain: string | null;
  dkim_selector: string | null;
  dkim_key: Uint8Array | null;
  after_send: 'delete' | 'archive';
  archive_days: number;
  updated_at?: Date;
}

/** The password or the OAuth2 tokens (`password`), and the DKIM key, each bound to the organisation. */
export const binding = (orgId: string, what: 'password' | 'dkim') => `system_mail_settings:${orgId}:${what}`;

/** The organisation's system account, or the defaults (switched off) when none is set up yet. */
export async function loadSettings(q: Queryable, orgId: string): Promise<SettingsRow> {
  const { rows } = await q.query<SettingsRow>('select * from system_mail_settings where org_id = $1', [orgId]);
  return (
    rows[0] ?? {
      org_id: orgId, enabled: false, account_name: '', from_address: null, display_name: '', reply_to: null, host: '', port: 587, security: 'starttls',
      auth: 'password', login: '', secret: null, oauth_preset: null, dkim_domain: null, dkim_selector: null, dkim_key: null, after_send: 'archive', archive_days: 30,
    }
  );
}

export function presentSettings(r: SettingsRow): SystemMailSettings {
  return {
    enabled: r.enabled, accountName: r.account_name, fromAddress: r.from_address, displayName: r.display_name, replyTo: r.reply_to,
    host: r.host, port: r.port, security: r.security, auth: r.auth, login: r.login, hasPassword: r.auth === 'password' && r.secret !== null,
    oauthPreset: r.oauth_preset, oauthSignedIn: r.auth === 'oauth2' && r.secret !== null,
    dkim: r.dkim_domain && r.dkim_selector ? { domain: r.dkim_domain, selector: r.dkim_selector, hasKey: r.dkim_key !== null } : null,
    afterSend: r.after_send, archiveDays: r.archive_days,
  };
}

/** Saves the system account; a password or DKIM key left out keeps the stored one (sealed, bound to the organisation). */
export async function saveSettings(deps: Pick<Deps, 'db' | 'sealer'>, orgId: string, s: SystemMailInput) {
  if (s.dkim?.privateKey !== undefined) {
    try {
      createPrivateKey(s.dkim.privateKey);
    } catch {
      // nodemailer would skip signing with it and send unsigned mail without a word
      throw invalid('dkim', 'The DKIM key is not a private key in PEM form (-----BEGIN PRIVATE KEY-----)');
    }
  }
  const old = await loadSettings(deps.db, orgId);
  // a password left out stays; OAuth2 tokens stay while it is the same provider (else: sign in again)
  const secret =
    s.auth === 'none' ? null
    : s.auth === 'oauth2' ? (old.auth === 'oauth2' && old.oauth_preset === (s.oauthPreset ?? null) ? old.secret : null)
    : s.password !== undefined ? deps.sealer.seal(s.password, binding(orgId, 'password'))
    : old.auth === 'password' ? old.secret : null;
  if (s.auth === 'oauth2' && !s.oauthPreset) throw invalid('oauthPreset', 'Choose the provider to sign in with');
  const dkimKey = !s.dkim ? null : s.dkim.privateKey !== undefined ? deps.sealer.seal(s.dkim.privateKey, binding(orgId, 'dkim')) : old.dkim_key;
  await deps.db.query(
    `insert into system_mail_settings (org_id, enabled, account_name, from_address, display_name, reply_to, host, port, security, auth, login, secret,
                                       dkim_domain, dkim_selector, dkim_key, after_send, archive_days, oauth_preset, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, now())
     on conflict (org_id) do update set enabled = excluded.enabled, account_name = excluded.account_name, from_address = excluded.from_address,
       display_name = excluded.display_name, reply_to = excluded.reply_to, host = excluded.host, port = excluded.port, security = excluded.security,
       auth = excluded.auth, login = excluded.login, secret = excluded.secret, dkim_domain = excluded.dkim_domain, dkim_selector = excluded.dkim_selector,
       dkim_key = excluded.dkim_key, after_send = excluded.after_send, archive_days = excluded.archive_days, oauth_preset = excluded.oauth_preset, updated_at = now()`,
    [orgId, s.enabled, s.accountName, s.fromAddress, s.displayName, s.replyTo ?? null, s.host, s.port, s.security, s.auth, s.login ?? '', secret,
      s.dkim?.domain ?? null, s.dkim?.selector ?? null, dkimKey, s.afterSend, s.archiveDays, s.auth === 'oauth2' ? s.oauthPreset : null],
  );
  // waiting mail goes where the account now points (the cap per server follows)
  await deps.db.query(`update outbox set destination = $2 where org_id = $1 and status in ('queued', 'deferred')`, [orgId, destinationOf(s)]);
  return loadSettings(deps.db, orgId);
}

/** Where the system account's mail goes, as the queue groups it (its concurrency cap). */
export const destinationOf = (r: Pick<SettingsRow, 'host' | 'port'>) => `${r.host.toLowerCase()}:${r.port}`;

/** The sealed OAuth2 tokens of the system account, stored once the administrator has signed in (same provider). */
export async function storeSystemTokens(deps: Pick<Deps, 'db' | 'sealer'>, orgId: string, presetId: string, tokens: string) {
  await deps.db.query(
    `insert into system_mail_settings (org_id, auth, oauth_preset, secret) values ($1, 'oauth2', $2, $3)
     on conflict (org_id) do update set auth = 'oauth2', oauth_preset = $2, secret = $3, updated_at = now()`,
    [orgId, presetId, deps.sealer.seal(tokens, binding(orgId, 'password'))],
  );
}

/**
 * nodemailer transport options for the system account, with its password and DKIM key opened;
 * for OAuth2 pass the access token (system-auth.ts).
 */
export function transportOptions(deps: Pick<Deps, 'sealer' | 'mailCa' | 'config'>, r: SettingsRow, accessToken?: string) {
  const password = r.secret && r.auth === 'password' ? deps.sealer.open(r.secret, binding(r.org_id, 'password')) : '';
  const timeout = deps.config.outboxTimeoutMs;
  return {
    host: r.host,
    port: r.port,
    secure: r.security === 'tls',
    requireTLS: r.security === 'starttls',
    ignoreTLS: r.security === 'none',
    auth: r.auth === 'password' ? { user: r.login, pass: password } : r.auth === 'oauth2' && accessToken ? { type: 'OAuth2' as const, user: r.login, accessToken } : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 2,
    tls: { ca: deps.mailCa },
    dkim: r.dkim_domain && r.dkim_selector && r.dkim_key
      ? { domainName: r.dkim_domain, keySelector: r.dkim_selector, privateKey: deps.sealer.open(r.dkim_key, binding(r.org_id, 'dkim')) }
      : undefined,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
