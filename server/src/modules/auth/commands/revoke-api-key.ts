import type { Deps } from '../../../deps.ts';
import { notFound } from '../../../platform/errors/index.ts';
import type { Actor } from '../../../platform/http/actor.ts';

/** Revokes a key at once; calls with it answer UNAUTHENTICATED from now on. */
export async function revokeApiKey(deps: Pick<Deps, 'db'>, actor: Actor, id: string) {
  const r = await deps.db.query('update api_keys set revoked_at = now() where id = $1 and org_id = $2 and revoked_at is null', [id, actor.orgId]);
  if (!r.rowCount) throw notFound();
}
