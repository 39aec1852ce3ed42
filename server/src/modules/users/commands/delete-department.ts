import type { Deps } from '../../../deps.ts';
import { AppError } from '../../../platform/errors/index.ts';
import type { Actor } from '../../../platform/http/actor.ts';
import { accessDepartment } from '../access.ts';

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
