import type { OAuthClient } from '@mailroom/contract';
import type { Deps } from '../../../deps.ts';
import type { Queryable } from '../../../platform/db/index.ts';

export interface OAuthClientRow {
  org_id: string;
  preset_id: string;
  authorize_url: string;
  token_url: string;
  client_id: string;
  client_secret: Uint8Array | null;
  scope: string;
}

/** A client secret is bound to its organisation and preset: a copied row does not open. */
const binding = (orgId: string, presetId: string) => `mail_oauth_clients:${orgId}:${presetId}`;

export async function oauthClient(q: Queryable, orgId: string, presetId: string) {
  const { rows } = await q.query<OAuthClientRow>('select * from mail_oauth_clients where org_id = $1 and preset_id = $2', [orgId, presetId]);
  return rows[0] ?? null;
}

export async function oauthClients(q: Queryable, orgId: string) {
  const { rows } = await q.query<OAuthClientRow>('select * from mail_oauth_clients where org_id = $1 order by preset_id', [orgId]);
  return rows;
}

export const presentClient = (r: OAuthClientRow): OAuthClient => ({
  presetId: r.preset_id, authorizeUrl: r.authorize_url, tokenUrl: r.token_url, clientId: r.client_id, hasSecret: r.client_secret !== null, scope: r.scope,
});

/** Sets the organisation's client for a preset; an omitted secret keeps the stored one. */
export async function saveClient(
  deps: Pick<Deps, 'db' | 'sealer'>, orgId: string, presetId: string,
  c: { authorizeUrl: string; tokenUrl: string; clientId: string; clientSecret?: string; scope: string },
) {
  const sealed = c.clientSecret === undefined ? null : deps.sealer.seal(c.clientSecret, binding(orgId, presetId));
  await deps.db.query(
    `insert into mail_oauth_clients (org_id, preset_id, authorize_url, token_url, client_id, client_secret, scope) values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (org_id, preset_id) do update set authorize_url = excluded.authorize_url, token_url = excluded.token_url, client_id = excluded.client_id,
       client_secret = coalesce(excluded.client_secret, mail_oauth_clients.client_secret), scope = excluded.scope`,
    [orgId, presetId, c.authorizeUrl, c.tokenUrl, c.clientId, sealed, c.scope],
  );
  return (await oauthClient(deps.db, orgId, presetId))!;
}

export function clientSecret(deps: Pick<Deps, 'sealer'>, r: OAuthClientRow) {
  return r.client_secret ? deps.sealer.open(r.client_secret, binding(r.org_id, r.preset_id)) : null;
}
