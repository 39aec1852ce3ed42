import type { Deps } from '../../../deps.ts';
import type { Actor } from '../../../platform/http/actor.ts';
import { departmentById } from '../org-store.ts';
import { checkParent } from './check-parent.ts';

/** Departments nest; people belong to at most one. */
export async function createDepartment(deps: Pick<Deps, 'db'>, actor: Actor, input: { name: string; parentId?: string | null }) {
  return deps.db.tx(async (tx) => {
    await checkParent(tx, actor, input.parentId);
    const { rows } = await tx.query<{ id: string }>('insert into departments (org_id, name, parent_id) values ($1, $2, $3) returning id', [
      actor.orgId,
      input.name,
      input.parentId ?? null,
    ]);
    return (await departmentById(tx, rows[0].id))!;
  });
}
