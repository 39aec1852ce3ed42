import type { Deps } from '../../../deps.ts';
import { MailServerError } from '../../../protocols/problems.ts';
import { clientSecret, type OAuthClientRow } from './clients.ts';

/** What an OAuth2 account keeps (sealed, in mail_accounts.secret). */
export interface TokenSet {
  access: string;
  refresh: string | null;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

type TokenDeps = Pick<Deps, 'sealer' | 'fetch' | 'config'>;

/** Calls the provider's token endpoint (client_secret_post); an invalid_grant means the person must sign in again. */
async function tokenRequest(deps: TokenDeps, client: OAuthClientRow, form: Record<string, string>, previous?: TokenSet): Promise<TokenSet> {
  const secret = clientSecret(deps, client);
  const body = new URLSearchParams({ ...form, client_id: client.client_id, ...(secret ? { client_secret: secret } : {}) });
  let res: Response;
  try {
    res = await deps.fetch(client.token_url, {
      method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      signal: AbortSignal.timeout(deps.config.accountTimeoutMs * 2),
    });
  } catch (err) {
    throw new MailServerError((err as Error).name === 'TimeoutError' ? 'TIMEOUT' : 'CONNECTION_REFUSED', `token endpoint: ${(err as Error).message}`);
  }
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok || typeof data.access_token !== 'string') {
    const words = `${String(data.error ?? res.status)}${data.error_description ? `: ${String(data.error_description)}` : ''}`;
    throw new MailServerError(data.error === 'invalid_grant' ? 'OAUTH_REVOKED' : 'AUTH_FAILED', `token endpoint: ${words}`);
  }
  const lifetime = typeof data.expires_in === 'number' ? data.expires_in : 3600;
  return {
    access: data.access_token,
    // providers that rotate refresh tokens send a new one; the others keep the first
    refresh: typeof data.refresh_token === 'string' ? data.refresh_token : (previous?.refresh ?? null),
    expiresAt: Date.now() + lifetime * 1000,
  };
}

export const exchangeCode = (deps: TokenDeps, client: OAuthClientRow, code: string, verifier: string, redirectUri: string) =>
  tokenRequest(deps, client, { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: redirectUri });

export function refreshTokens(deps: TokenDeps, client: OAuthClientRow, tokens: TokenSet) {
  if (!tokens.refresh) throw new MailServerError('OAUTH_REVOKED', 'the provider gave no refresh token; sign in again');
  return tokenRequest(deps, client, { grant_type: 'refresh_token', refresh_token: tokens.refresh }, tokens);
}
