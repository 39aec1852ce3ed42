import type { SessionInfo } from '@mailroom/contract';
import type { Queryable } from '../../platform/db/index.ts';
import type { UserActor } from '../../platform/http/actor.ts';
import { presentUser, userById } from '../users/index.ts';
import { presentApiKey } from './present.ts';
import { listApiKeys } from './store.ts';

/** Who is signed in, with the CSRF token of a cookie session. */
export async function sessionInfo(q: Queryable, actor: UserActor): Promise<SessionInfo> {
  return { user: presentUser((await userById(q, actor.userId))!), csrfToken: actor.csrfToken ?? null, via: actor.via };
}

export async function apiKeyList(q: Queryable, orgId: string) {
  return { items: (await listApiKeys(q, orgId)).map(presentApiKey) };
}
