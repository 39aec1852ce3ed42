import type { UpdateUser } from '@mailroom/contract';
import type { Deps } from '../../../deps.ts';
import { invalid } from '../../../platform/errors/index.ts';
import type { Actor } from '../../../platform/http/actor.ts';
import { accessUser } from '../access.ts';
import { departmentById } from '../org-store.ts';
import { hashPassword } from '../password.ts';
import { presentUser } from '../present.ts';
import { updateUserRow, userById } from '../store.ts';

/** An administrator changes a person's name, role, department, status or password. */
export async function updateUser(deps: Pick<Deps, 'db' | 'bus'>, actor: Actor, id: string, patch: UpdateUser) {
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
  return deps.db.tx(async (tx) => {
    const user = await accessUser(tx, actor, id);
    if (patch.departmentId) {
      const d = await departmentById(tx, patch.departmentId);
      if (!d || d.org_id !== user.org_id) throw invalid('departmentId', 'No such department');
    }
    if (actor.kind === 'user' && actor.userId === id && (patch.role === 'user' || patch.active === false))
      throw invalid(patch.role ? 'role' : 'active', 'You cannot remove your own administrator rights or deactivate yourself');
    await updateUserRow(tx, id, { name: patch.name, role: patch.role, departmentId: patch.departmentId, active: patch.active, passwordHash });
    if (patch.active === false || passwordHash) {
      await tx.query('delete from sessions where user_id = $1', [id]);
      await deps.bus.emit(tx, { orgId: user.org_id, type: 'auth.revoked', payload: { sessionId: null, exceptSessionId: null }, userIds: [id] });
    }
    const row = (await userById(tx, id))!;
    await deps.bus.emit(tx, { orgId: row.org_id, type: 'user.updated', payload: { user: presentUser(row) }, userIds: [id] });
    return row;
  });
}
