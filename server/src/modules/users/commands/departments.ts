import type { Deps } from '../../../deps.ts';
import { AppError, invalid } from '../../../platform/errors/index.ts';
import type { Actor } from '../../../platform/http/actor.ts';
import type { Queryable } from '../../../platform/db/index.ts';
import { accessDepartment } from '../access.ts';
import { departmentAncestors, departmentById } from '../org-store.ts';

async function checkParent(q: Queryable, actor: Actor, parentId: string | null | undefined, self?: string) {
  if (!parentId) return;
  const p = await departmentById(q, parentId);
  if (!p || p.org_id !== actor.orgId) throw invalid('parentId', 'No such department');
  if (self && (await departmentAncestors(q, parentId)).includes(self)) throw invalid('parentId', 'A department cannot be placed inside itself');
}

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

export async function updateDepartment(deps: Pick<Deps, 'db'>, actor: Actor, id: string, patch: { name?: string; parentId?: string | null }) {
  return deps.db.tx(async (tx) => {
    await accessDepartment(tx, actor, id);
    await checkParent(tx, actor, patch.parentId, id);
    await tx.query(
      `update departments set name = coalesce($2, name), parent_id = case when $3 then $4::uuid else parent_id end where id = $1`,
      [id, patch.name ?? null, patch.parentId !== undefined, patch.parentId ?? null],
    );
    return (await departmentById(tx, id))!;
  });
}

/** Removes an empty-of-children department; its people keep working without a department. */
export async function deleteDepartment(deps: Pick<Deps, 'db'>, actor: Actor, id: string) {
  await deps.db.tx(async (tx) => {
    await accessDepartment(tx, actor, id);
    const { rows } = await tx.query('select 1 from departments where parent_id = $1 limit 1', [id]);
    if (rows.length) throw new AppError('CONFLICT', 'Move or delete the sub-departments first.');
    await tx.query(`delete from object_grants where principal_kind = 'department' and principal_id = $1`, [id]);
    await tx.query('delete from departments where id = $1', [id]);
  });
}
