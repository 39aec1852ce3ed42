import { invalid } from '../../../platform/errors/index.ts';
import type { Actor } from '../../../platform/http/actor.ts';
import type { Queryable } from '../../../platform/db/index.ts';
import { departmentAncestors, departmentById } from '../org-store.ts';

/** A parent department must be the organisation's and must not lie inside the department itself. */
export async function checkParent(q: Queryable, actor: Actor, parentId: string | null | undefined, self?: string) {
  if (!parentId) return;
  const p = await departmentById(q, parentId);
  if (!p || p.org_id !== actor.orgId) throw invalid('parentId', 'No such department');
  if (self && (await departmentAncestors(q, parentId)).includes(self)) throw invalid('parentId', 'A department cannot be placed inside itself');
}
