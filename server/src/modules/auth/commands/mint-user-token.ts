import type { Deps } from '../../../deps.ts';
import { notFound } from '../../../platform/errors/index.ts';
import type { Actor } from '../../../platform/http/actor.ts';
import { userById, userByLogin } from '../../users/index.ts';
import { signUserToken } from '../user-token.ts';

/** A host application asks for a token for one of its organisation's active users. */
export async function mintUserToken(deps: Pick<Deps, 'db' | 'config' | 'secret' | 'now'>, actor: Actor, who: { userId?: string; login?: string; ttlSeconds?: number }) {
  const user = who.userId ? await userById(deps.db, who.userId) : await userByLogin(deps.db, who.login!);
  if (!user || user.org_id !== actor.orgId || !user.active) throw notFound();
  return signUserToken(deps.secret, { userId: user.id, orgId: user.org_id, ttlSeconds: who.ttlSeconds ?? deps.config.userTokenTtlSeconds, now: deps.now() });
}
