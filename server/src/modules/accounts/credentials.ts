import type { Deps } from '../../deps.ts';
import { MailServerError, type ConnectOptions, type Credentials, type Endpoint } from '../../protocols/problems.ts';
import { oauthClient } from './oauth/clients.ts';
import { refreshTokens, type TokenSet } from './oauth/tokens.ts';
import type { AccountRow } from './store.ts';

type CredDeps = Pick<Deps, 'db' | 'sealer' | 'config' | 'mailCa' | 'fetch'> & Partial<Pick<Deps, 'mailLookup'>>;
/** An access token this close to its end is renewed before use. */
const REFRESH_BEFORE_MS = 120_000;

/** Sealed secrets are bound to their account and column: a copy elsewhere does not open. */
export const secretBinding = (accountId: string) => `mail_accounts:${accountId}:secret`;

export function sealSecret(deps: Pick<Deps, 'sealer'>, accountId: string, secret: string) {
  return deps.sealer.seal(secret, secretBinding(accountId));
}

const openSecret = (deps: Pick<Deps, 'sealer'>, accountId: string, secret: Uint8Array | null) => (secret ? deps.sealer.open(secret, secretBinding(accountId)) : '');

/** What signs in to the account's servers: its password, or a fresh OAuth2 access token. */
export async function credentials(deps: CredDeps, a: AccountRow): Promise<Credentials> {
  if (a.auth !== 'oauth2') return { user: a.login, pass: openSecret(deps, a.id, a.secret) };
  return { user: a.login, accessToken: await accessToken(deps, a) };
}

/**
 * An OAuth2 account's access token, renewed with the refresh token before it runs out. The row
 * is locked while renewing, so processes that need it at once renew it once (providers that
 * rotate refresh tokens would otherwise see the old one used twice and end the grant).
 */
async function accessToken(deps: CredDeps, a: AccountRow): Promise<string> {
  const now = Date.now();
  const held = JSON.parse(openSecret(deps, a.id, a.secret) || '{}') as Partial<TokenSet>;
  if (held.access && (held.expiresAt ?? 0) - REFRESH_BEFORE_MS > now) return held.access;
  return renew(deps, a, null);
}

/**
 * Renews an OAuth2 account's access token now, whatever its stated expiry, after the server
 * refused it: a provider withdraws tokens early (a revoked grant, a changed password). A refresh
 * token the provider no longer honours ends in OAUTH_REVOKED ("sign in again").
 */
export async function renewAccessToken(deps: CredDeps, a: AccountRow) {
  const held = JSON.parse(openSecret(deps, a.id, a.secret) || '{}') as Partial<TokenSet>;
  await renew(deps, a, held.access ?? null);
}

/** Renews under a row lock, unless another process renewed meanwhile (the token is no longer `refused` and has time left). */
async function renew(deps: CredDeps, a: AccountRow, refused: string | null): Promise<string> {
  return deps.db.tx(async (tx) => {
    const { rows } = await tx.query<{ secret: Uint8Array | null }>('select secret from mail_accounts where id = $1 for update', [a.id]);
    const tokens = JSON.parse(openSecret(deps, a.id, rows[0]?.secret ?? null) || '{}') as TokenSet;
    if (tokens.access && tokens.access !== refused && tokens.expiresAt - REFRESH_BEFORE_MS > Date.now()) return tokens.access;
    const client = await oauthClient(tx, a.org_id, a.preset);
    if (!client) throw new MailServerError('OAUTH_REVOKED', 'sign-in with this provider is no longer set up for the organisation');
    const fresh = await refreshTokens(deps, client, tokens);
    await tx.query('update mail_accounts set secret = $2 where id = $1', [a.id, sealSecret(deps, a.id, JSON.stringify(fresh))]);
    return fresh.access;
  });
}

/** How to reach one server (IMAP, POP3 or SMTP) with these credentials, under the configured timeout, CA and resolver. */
export function connectOptions(deps: Pick<Deps, 'config' | 'mailCa'> & Partial<Pick<Deps, 'mailLookup'>>, e: Endpoint, auth: Credentials): ConnectOptions {
  return { host: e.host, port: e.port, security: e.security, auth, timeoutMs: deps.config.accountTimeoutMs, ca: deps.mailCa, ...(deps.mailLookup ? { lookup: deps.mailLookup } : {}) };
}

/** Connection settings for the incoming server (IMAP or POP3) and for SMTP, with credentials ready to use. */
export async function incomingOptions(deps: CredDeps, a: AccountRow): Promise<ConnectOptions> {
  return connectOptions(deps, incomingEndpoint(a), await credentials(deps, a));
}

export async function smtpOptions(deps: CredDeps, a: AccountRow): Promise<ConnectOptions> {
  return connectOptions(deps, smtpEndpoint(a), await credentials(deps, a));
}

export const incomingEndpoint = (a: AccountRow): Endpoint => ({ host: a.in_host, port: a.in_port, security: a.in_security });
export const smtpEndpoint = (a: AccountRow): Endpoint => ({ host: a.smtp_host, port: a.smtp_port, security: a.smtp_security });
