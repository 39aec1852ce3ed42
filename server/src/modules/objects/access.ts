import { AccessCallbackResponse, type ObjectRef } from '@mailroom/contract';
import type { Deps } from '../../deps.ts';
import type { Queryable } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors/index.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { CallbackCache } from './callback-cache.ts';
import { listAllows, objectByRef, type ObjectRow } from './store.ts';

const MAX_ANSWER_CHARS = 4096;
type AccessDeps = Pick<Deps, 'db' | 'config' | 'fetch' | 'now' | 'log'>;
const caches = new WeakMap<object, CallbackCache>();
export const cacheFor = (deps: object) => {
  let c = caches.get(deps);
  if (!c) caches.set(deps, (c = new CallbackCache()));
  return c;
};

/**
 * The one decision on who may see a business object, used by every feature that is "about" one.
 * Answers NOT_FOUND for an unknown object and for one the actor may not see, alike.
 * Pass the transaction as `q` when calling from inside one.
 */
export async function accessObject(deps: AccessDeps, actor: Actor, ref: ObjectRef, q: Queryable = deps.db): Promise<ObjectRow> {
  const obj = await objectByRef(q, actor.orgId, ref.type, ref.id);
  if (!obj) throw notFound();
  if (actor.kind === 'app') return obj;
  const allowed = obj.access_mode === 'list' ? await listAllows(q, obj.id, actor.userId) : await askCallback(deps, obj, actor);
  if (!allowed) throw notFound();
  return obj;
}

/** Asks the host application's callback; a failure or timeout denies (and is not cached). */
async function askCallback(deps: AccessDeps, obj: ObjectRow, actor: Extract<Actor, { kind: 'user' }>) {
  const cache = cacheFor(deps);
  const now = deps.now().getTime();
  const cached = cache.get(obj.id, actor.userId, now);
  if (cached !== undefined) return cached;
  try {
    const res = await deps.fetch(obj.callback_url!, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: obj.type, id: obj.external_id, user: { id: actor.userId, login: actor.login } }),
      signal: AbortSignal.timeout(deps.config.objectAccessTimeoutMs),
      redirect: 'error',
    });
    if (!res.ok) throw new Error(`callback answered HTTP ${res.status}`);
    const text = await res.text();
    if (text.length > MAX_ANSWER_CHARS) throw new Error('callback answer is too large');
    const parsed = AccessCallbackResponse.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error('callback answer is not {"allowed": boolean}');
    cache.set(obj.id, actor.userId, parsed.data.allowed, now + deps.config.objectAccessCacheSeconds * 1000);
    return parsed.data.allowed;
  } catch (err) {
    deps.log.warn({ err: (err as Error).message, object: obj.id }, 'object access callback failed; denying');
    return false;
  }
}
