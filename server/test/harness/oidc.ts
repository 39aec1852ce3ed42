import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * A real OAuth2 authorization server on loopback (the npm package oidc-provider), standing in
 * for Google or Microsoft: authorization code with PKCE, refresh tokens, introspection (which
 * Dovecot and the scripted SMTP server ask to accept XOAUTH2) and revocation. Sign-in and
 * consent are answered at once for `accountId` (no screens), as a person clicking "Allow".
 */
export interface Oidc {
  issuer: string;
  clientId: string;
  clientSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
  introspectionUrl: string;
  /** The query of every authorization request (GET /auth) that reached the server, oldest first. */
  authorized: URLSearchParams[];
  /** Follows a browser through the authorization URL (cookies kept) to the redirect it ends at. */
  authorize(url: string): Promise<URL>;
  /** Ends every grant of the account: its access and refresh tokens stop working. */
  revokeAll(): Promise<void>;
  /** Asks the server whether an access token is active (what Dovecot does). */
  introspect(token: string): Promise<{ active: boolean; sub?: string }>;
  stop(): Promise<void>;
}

export async function startOidc(o: { redirectUri: string; accountId: string; accessTtlSeconds?: number }): Promise<Oidc> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'mailroom';
  const clientSecret = 'mailroom-client-secret-for-tests-only';
  const grants = new Set<string>();
  const authorized: URLSearchParams[] = [];
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId, client_secret: clientSecret, redirect_uris: [o.redirectUri], grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'], token_endpoint_auth_method: 'client_secret_post', introspection_endpoint_auth_method: 'client_secret_basic',
    }],
    scopes: ['openid', 'offline_access', 'email', 'mail'],
    features: { devInteractions: { enabled: false }, introspection: { enabled: true }, revocation: { enabled: true } },
    pkce: { required: () => true },
    ttl: { AccessToken: o.accessTtlSeconds ?? 3600, AuthorizationCode: 60, RefreshToken: 86400, Grant: 86400, Interaction: 600, Session: 600 },
    issueRefreshToken: async () => true,
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub, email: `${sub}@example.com` }) }),
    cookies: { keys: ['test-cookie-key'] },
  });
  provider.proxy = false;
  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (req.method === 'GET' && req.url) {
      const asked = new URL(req.url, issuer);
      if (asked.pathname === '/auth') authorized.push(asked.searchParams);
    }
    if (!req.url?.startsWith('/interaction/')) return void callback(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        await provider.interactionFinished(req, res, { login: { accountId: o.accountId } }, { mergeWithLastSubmission: false });
        return;
      }
      const grant = new provider.Grant({ accountId: o.accountId, clientId });
      grant.addOIDCScope('openid offline_access email mail');
      const grantId = await grant.save();
      grants.add(grantId);
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    })().catch((err) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });

  const basic = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
  return {
    issuer, clientId, clientSecret, authorized,
    authorizeUrl: `${issuer}/auth`,
    tokenUrl: `${issuer}/token`,
    introspectionUrl: `${issuer}/token/introspection`,
    async authorize(url) {
      const jar = new Map<string, string>();
      let next = new URL(url);
      for (let hop = 0; hop < 10; hop++) {
        if (next.origin !== issuer) return next;
        const res = await fetch(next, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
        for (const c of res.headers.getSetCookie()) {
          const [pair] = c.split(';');
          const eq = pair.indexOf('=');
          jar.set(pair.slice(0, eq), pair.slice(eq + 1));
        }
        const location = res.headers.get('location');
        if (!location) throw new Error(`the authorization server stopped at ${next.pathname} with ${res.status}: ${(await res.text()).slice(0, 300)}`);
        next = new URL(location, next);
      }
      throw new Error('too many redirects');
    },
    async revokeAll() {
      for (const id of grants) await (await provider.Grant.find(id))?.destroy();
      // tokens issued under a grant are checked against it: destroying the grant ends them
      grants.clear();
    },
    async introspect(token) {
      const res = await fetch(`${issuer}/token/introspection`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }) });
      return (await res.json()) as { active: boolean; sub?: string };
    },
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
