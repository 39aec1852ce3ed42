import type { Deps } from '../../../deps.ts';
import type { Actor } from '../../../platform/http/actor.ts';
import { accessDepartment } from '../access.ts';
import { departmentById } from '../org-store.ts';
import { checkParent } from './check-parent.ts';

/** Renames a department or moves it under another one (never inside itself). */
export async function updateDepartment(deps: Pick<Deps, 'db'>, actor: Actor, id: string, patch: { name?: string; parentId?: string | null }) {
  return deps.db.tx(async (tx) => {
    await accessDepartment(tx, actor, id);
    // two moves at once could each pass the cycle check; one organisation's moves go one at a time
    await tx.query('select pg_advisory_xact_lock(727004, hashtext($1))', [actor.orgId]);
    await checkParent(tx, actor, patch.parentId, id);
    await tx.query(
      `update departments set name = coalesce($2, name), parent_id = case when $3 then $4::uuid else parent_id end where id = $1`,
      [id, patch.name ?? null, patch.parentId !== undefined, patch.parentId ?? null],
    );
    return (await departmentById(tx, id))!;
  });
}
