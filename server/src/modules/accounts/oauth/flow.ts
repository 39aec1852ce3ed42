import { createHash, randomBytes } from 'node:crypto';
import type { AccountInput } from '@mailroom/contract';
import type { Deps } from '../../../deps.ts';
import { AppError, invalid } from '../../../platform/errors/index.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { serverFailure } from '../../../protocols/problems.ts';
import { accessAccount } from '../access.ts';
import { insertAccount } from '../commands/save-account.ts';
import { sealSecret } from '../credentials.ts';
import { requestSync } from '../sync/run.ts';
import { oauthClient, type OAuthClientRow } from './clients.ts';
import { exchangeCode } from './tokens.ts';
import { storeSystemTokens } from '../../outbox/settings.ts';

type FlowDeps = Pick<Deps, 'db' | 'sealer' | 'fetch' | 'config'>;
type Settings = Omit<AccountInput, 'password'>;
const FLOW_MINUTES = 10;
const flowBinding = (state: string) => `mail_oauth_flows:${state}:verifier`;

/** Where the provider sends the browser back: this server's public address. */
export const redirectUri = (config: Deps['config']) => `${config.publicUrl ?? `http://${config.host}:${config.port}`}/api/v1/accounts/oauth/callback`;

/**
 * Starts the sign-in at the provider (authorization code with PKCE, S256): keeps the verifier
 * sealed with the settings under a random state, and gives the address to send the browser to.
 */
export async function startOAuth(deps: FlowDeps, actor: UserActor, input: Settings | { accountId: string }) {
  const existing = 'accountId' in input ? await accessAccount(deps.db, actor, input.accountId) : null;
  const presetId = existing ? existing.preset : (input as Settings).preset;
  const client = await oauthClient(deps.db, actor.orgId, presetId);
  if (!client) throw invalid('preset', 'Sign-in with this provider is not set up; ask your administrator to register the organisation\'s OAuth client, or use an app password');
  return openFlow(deps, actor, client, { accountId: existing?.id ?? null, settings: existing ? {} : input, loginHint: existing?.login ?? (input as Settings).login });
}

/**
 * Keeps the PKCE verifier sealed with what the sign-in is for (a new account's settings, an
 * account signed in again, or `{ system: true }`: the organisation's system mail account) under a
 * random state, and gives the provider's address to send the browser to.
 */
export async function openFlow(
  deps: FlowDeps, actor: UserActor, client: OAuthClientRow, flow: { accountId: string | null; settings: object; loginHint: string },
) {
  const state = randomBytes(24).toString('base64url');
  const verifier = randomBytes(48).toString('base64url');
  await deps.db.query('delete from mail_oauth_flows where expires_at < now()');
  await deps.db.query(
    `insert into mail_oauth_flows (state, org_id, user_id, account_id, preset_id, verifier, settings, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(mins => $8))`,
    [state, actor.orgId, actor.userId, flow.accountId, client.preset_id, deps.sealer.seal(verifier, flowBinding(state)), JSON.stringify(flow.settings), FLOW_MINUTES],
  );
  const url = new URL(client.authorize_url);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', client.client_id);
  url.searchParams.set('redirect_uri', redirectUri(deps.config));
  url.searchParams.set('scope', client.scope);
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', createHash('sha256').update(verifier).digest('base64url'));
  url.searchParams.set('code_challenge_method', 'S256');
  // a refresh token is given on consent; ask for it each time (Google needs both)
  url.searchParams.set('access_type', 'offline');
  url.searchParams.set('prompt', 'consent');
  url.searchParams.set('login_hint', flow.loginHint);
  return { authorizeUrl: url.toString() };
}

/**
 * The browser is back from the provider: the state must be the person's own and fresh; the
 * code is exchanged (with the verifier) for tokens, sealed into a new account, into the account
 * being signed in again, or into the organisation's system mail account (then `'system'` is
 * returned: only an administrator may finish that one). Returns the account id.
 */
export async function finishOAuth(deps: FlowDeps, actor: UserActor, q: { state: string; code?: string; error?: string; error_description?: string }) {
  const { rows } = await deps.db.query<{ org_id: string; user_id: string; account_id: string | null; preset_id: string; verifier: Uint8Array; settings: Settings & { system?: boolean } }>(
    // only the person who started it can finish it (a stranger's try leaves it alone)
    'delete from mail_oauth_flows where state = $1 and user_id = $2 and expires_at > now() returning org_id, user_id, account_id, preset_id, verifier, settings',
    [q.state, actor.userId],
  );
  const flow = rows[0];
  if (!flow) throw invalid('state', 'This sign-in expired or belongs to another session; start it again from the account settings');
  // a failure of the system account's sign-in goes back to its own screen
  if (flow.settings.system) return finishFlow(deps, actor, q, flow).catch((err) => Promise.reject(Object.assign(err as object, { system: true })));
  return finishFlow(deps, actor, q, flow);
}

async function finishFlow(
  deps: FlowDeps, actor: UserActor, q: { state: string; code?: string; error?: string; error_description?: string },
  flow: { org_id: string; user_id: string; account_id: string | null; preset_id: string; verifier: Uint8Array; settings: Settings & { system?: boolean } },
) {
  if (!q.code) throw new AppError('MAIL_SERVER_FAILED', `The provider did not allow the sign-in (${q.error ?? 'no code'}${q.error_description ? `: ${q.error_description}` : ''})`, { problem: 'AUTH_FAILED' });
  const client = await oauthClient(deps.db, flow.org_id, flow.preset_id);
  if (!client) throw invalid('preset', 'Sign-in with this provider is no longer set up');
  const tokens = await exchangeCode(deps, client, q.code, deps.sealer.open(flow.verifier, flowBinding(q.state)), redirectUri(deps.config)).catch((err) => {
    throw serverFailure(err);
  });
  if (flow.settings.system) {
    if (actor.role !== 'administrator') throw invalid('state', 'Only an administrator can sign the system mail account in');
    await storeSystemTokens(deps, flow.org_id, flow.preset_id, JSON.stringify(tokens));
    return 'system';
  }
  return deps.db.tx(async (tx) => {
    if (flow.account_id) {
      await tx.query(`update mail_accounts set auth = 'oauth2', secret = $2, status = 'new', problem = null, detail = null where id = $1`, [
        flow.account_id, sealSecret(deps, flow.account_id, JSON.stringify(tokens)),
      ]);
      await requestSync(tx, flow.account_id);
      return flow.account_id;
    }
    const a = await insertAccount(tx, deps, actor, flow.settings, { auth: 'oauth2', secret: JSON.stringify(tokens) });
    return a.id;
  });
}
