import type { Deps } from '../../../deps.ts';
import type { Actor } from '../../../platform/http/actor.ts';
import { apiKeyByHash } from '../store.ts';
import { randomToken, sha256 } from '../tokens.ts';

/** Creates an API key for a host application; the key is returned once and stored only as a hash. */
export async function createApiKey(deps: Pick<Deps, 'db'>, orgId: string, name: string, createdBy: Actor | null) {
  const id = randomToken(6).replace(/[-_]/g, 'x').slice(0, 8);
  const key = `mrk_${id}_${randomToken(32)}`;
  // the visible start of the key, so administrators can match the list to the key they stored
  const prefix = `mrk_${id}`;
  const keyHash = sha256(key);
  await deps.db.query('insert into api_keys (org_id, name, prefix, key_hash, created_by) values ($1, $2, $3, $4, $5)', [
    orgId,
    name,
    prefix,
    keyHash,
    createdBy?.kind === 'user' ? createdBy.userId : null,
  ]);
  return { key, row: (await apiKeyByHash(deps.db, keyHash))! };
}
