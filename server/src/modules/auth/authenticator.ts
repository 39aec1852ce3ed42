import type { Deps } from '../../deps.ts';
import type { Actor, Authenticator } from '../../platform/http/actor.ts';
import { userById } from '../users/index.ts';
import { apiKeyByHash, deleteSession, sessionByHash, touchSession } from './store.ts';
import { sha256 } from './tokens.ts';
import { verifyUserToken } from './user-token.ts';

const TOUCH_EVERY_MS = 60_000;

/** Resolves a session cookie, an API key (mrk_…) or a user token into an actor; null when none is valid. */
export function createAuthenticator(deps: Pick<Deps, 'db' | 'config' | 'secret' | 'now'>): Authenticator {
  return {
    async resolve({ cookie, bearer, token }) {
      const now = deps.now();
      if (bearer?.startsWith('mrk_')) {
        const key = await apiKeyByHash(deps.db, sha256(bearer));
        if (!key || key.revoked_at) return null;
        if (!key.last_used_at || now.getTime() - new Date(key.last_used_at).getTime() > TOUCH_EVERY_MS)
          await deps.db.query('update api_keys set last_used_at = $2 where id = $1', [key.id, now]);
        return { kind: 'app', orgId: key.org_id, apiKeyId: key.id };
      }
      const jwt = bearer ?? token;
      if (jwt) {
        const claims = await verifyUserToken(deps.secret, jwt, now);
        return claims ? userActor(claims.userId, 'user-token', { expiresAt: claims.expiresAt }) : null;
      }
      if (cookie) {
        const s = await sessionByHash(deps.db, sha256(cookie));
        if (!s) return null;
        if (new Date(s.expires_at) <= now) {
          await deleteSession(deps.db, s.id);
          return null;
        }
        let expiresAt = new Date(s.expires_at);
        const renewed = now.getTime() - new Date(s.last_seen_at).getTime() > TOUCH_EVERY_MS;
        if (renewed) {
          expiresAt = new Date(now.getTime() + deps.config.sessionTtlHours * 3600_000);
          await touchSession(deps.db, s.id, expiresAt);
        }
        return userActor(s.user_id, 'session', { sessionId: s.id, csrfToken: s.csrf_token, expiresAt, renewed });
      }
      return null;
    },
  };

  async function userActor(
    userId: string,
    via: 'session' | 'user-token',
    extra: { sessionId?: string; csrfToken?: string; expiresAt?: Date; renewed?: boolean },
  ): Promise<Actor | null> {
    const u = await userById(deps.db, userId);
    if (!u || !u.active) return null;
    return { kind: 'user', userId: u.id, orgId: u.org_id, login: u.login, role: u.role, via, ...extra };
  }
}
