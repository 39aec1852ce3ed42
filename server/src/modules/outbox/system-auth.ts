import type { Deps } from '../../deps.ts';
import { invalid } from '../../platform/errors/index.ts';
import type { UserActor } from '../../platform/http/actor.ts';
import { MailServerError } from '../../protocols/problems.ts';
import { oauthClient, openFlow, refreshTokens, type TokenSet } from '../accounts/index.ts';
import { binding, loadSettings, type SettingsRow } from './settings.ts';

type AuthDeps = Pick<Deps, 'db' | 'sealer' | 'fetch' | 'config'>;
const REFRESH_BEFORE_MS = 120_000;

/** What signs the system account in to its server: nothing, its password, or a fresh OAuth2 access token. */
export async function systemAuth(deps: AuthDeps, r: SettingsRow): Promise<{ user: string; pass: string } | { user: string; accessToken: string } | null> {
  if (r.auth === 'none') return null;
  if (r.auth === 'password') return { user: r.login, pass: r.secret ? deps.sealer.open(r.secret, binding(r.org_id, 'password')) : '' };
  return { user: r.login, accessToken: await accessToken(deps, r.org_id) };
}

/**
 * The system account's OAuth2 access token, renewed with the refresh token before it runs out,
 * under a row lock so processes sending at once renew it once.
 */
async function accessToken(deps: AuthDeps, orgId: string): Promise<string> {
  const open = (r: SettingsRow) => JSON.parse(r.secret ? deps.sealer.open(r.secret, binding(orgId, 'password')) : '{}') as Partial<TokenSet>;
  const held = open(await loadSettings(deps.db, orgId));
  if (held.access && (held.expiresAt ?? 0) - REFRESH_BEFORE_MS > Date.now()) return held.access;
  return deps.db.tx(async (tx) => {
    await tx.query('select 1 from system_mail_settings where org_id = $1 for update', [orgId]);
    const r = await loadSettings(tx, orgId);
    const tokens = open(r) as TokenSet;
    if (!tokens.refresh && !tokens.access) throw new MailServerError('OAUTH_REVOKED', 'the system account has not signed in with its provider yet');
    if (tokens.access && tokens.expiresAt - REFRESH_BEFORE_MS > Date.now()) return tokens.access;
    const client = r.oauth_preset ? await oauthClient(tx, orgId, r.oauth_preset) : null;
    if (!client) throw new MailServerError('OAUTH_REVOKED', 'sign-in with this provider is no longer set up for the organisation');
    const fresh = await refreshTokens(deps, client, tokens);
    await tx.query('update system_mail_settings set secret = $2 where org_id = $1', [orgId, deps.sealer.seal(JSON.stringify(fresh), binding(orgId, 'password'))]);
    return fresh.access;
  });
}

/**
 * An administrator starts the system account's sign-in at the provider (authorization code with
 * PKCE): the same flow and callback as a person's own account, marked as the system's; the
 * callback stores the tokens with `storeSystemTokens` and returns to the system mail screen.
 */
export async function startSystemOAuth(deps: AuthDeps, actor: UserActor, presetId: string) {
  const client = await oauthClient(deps.db, actor.orgId, presetId);
  if (!client) throw invalid('preset', "Sign-in with this provider is not set up: register the organisation's OAuth client in Mail providers first");
  const settings = await loadSettings(deps.db, actor.orgId);
  return openFlow(deps, actor, client, { accountId: null, settings: { system: true }, loginHint: settings.login || settings.from_address || '' });
}
