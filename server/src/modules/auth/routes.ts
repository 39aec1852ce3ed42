import { z } from 'zod';
import { ApiKeyList, CreateApiKey, CreatedApiKey, Id, LoginRequest, MintUserToken, Ok, SessionInfo, UserToken } from '@mailroom/contract';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../platform/errors/index.ts';
import type { UserActor } from '../../platform/http/actor.ts';
import { SESSION_COOKIE, sameOrigin, setSessionCookie } from '../../platform/http/register.ts';
import { defineRoute, type RouteDef } from '../../platform/http/route.ts';
import { presentUser } from '../users/index.ts';
import { createApiKey } from './commands/create-api-key.ts';
import { login } from './commands/login.ts';
import { mintUserToken } from './commands/mint-user-token.ts';
import { revokeApiKey } from './commands/revoke-api-key.ts';
import { presentApiKey } from './present.ts';
import { logout } from './commands/logout.ts';
import { apiKeyList, sessionInfo } from './queries.ts';

const tag = 'auth';

export function authRoutes(deps: Deps): RouteDef[] {
  return [
    defineRoute({
      method: 'POST', url: '/api/v1/auth/login', access: 'public', tag, summary: 'Sign in with login and password (sets the session cookie)',
      body: LoginRequest, response: SessionInfo, noCsrf: true, example: { login: 'admin', password: 'your-password' },
      handler: async ({ body, req, reply }) => {
        // a sign-in form posted from another site is refused (login CSRF)
        if (!sameOrigin(req.headers.origin, req.headers.host)) throw new AppError('CSRF_FAILED');
        const s = await login(deps, { ...body, ip: req.ip });
        setSessionCookie(reply, s.token, s.expiresAt, deps.config.cookieSecure);
        return { user: presentUser(s.user), csrfToken: s.csrfToken, via: 'session' };
      },
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/auth/logout', access: 'person', tag, summary: 'Sign out of this session', response: Ok,
      handler: async ({ actor, reply }) => {
        await logout(deps, actor as UserActor);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true };
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/me', access: 'person', tag, summary: 'Who I am, with the CSRF token for this session', response: SessionInfo,
      handler: ({ actor }) => sessionInfo(deps.db, actor as UserActor),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/apikeys', access: 'administrator', tag, summary: 'API keys of the organisation (never the keys themselves)', response: ApiKeyList,
      handler: ({ actor }) => apiKeyList(deps.db, actor!.orgId),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/apikeys', access: 'administrator', tag, summary: 'Create an API key; the key is shown only in this answer', status: 201,
      body: CreateApiKey, response: CreatedApiKey, example: { name: 'Document management' },
      handler: async ({ actor, body }) => {
        const { key, row } = await createApiKey(deps, actor!.orgId, body.name, actor);
        return { ...presentApiKey(row), key };
      },
    }),
    defineRoute({
      method: 'DELETE', url: '/api/v1/apikeys/:id', access: 'administrator', tag, summary: 'Revoke an API key', params: z.object({ id: Id }), response: Ok,
      handler: async ({ actor, params }) => (await revokeApiKey(deps, actor!, params.id), { ok: true }),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/tokens', access: 'application', tag, summary: 'Mint a short-lived user token for an embedded widget', status: 201,
      body: MintUserToken, response: UserToken, example: { login: 'anna', ttlSeconds: 600 },
      handler: async ({ actor, body }) => {
        const t = await mintUserToken(deps, actor!, body);
        return { token: t.token, expiresAt: t.expiresAt.toISOString() };
      },
    }),
  ];
}
