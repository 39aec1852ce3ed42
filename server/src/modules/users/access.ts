import type { Queryable } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors/index.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { departmentById, groupById } from './org-store.ts';
import { userById } from './store.ts';

/** Loads a user the actor may see (same organisation); NOT_FOUND otherwise. */
export async function accessUser(q: Queryable, actor: Actor, id: string) {
  const u = await userById(q, id);
  if (!u || u.org_id !== actor.orgId) throw notFound();
  return u;
}

export async function accessDepartment(q: Queryable, actor: Actor, id: string) {
  const d = await departmentById(q, id);
  if (!d || d.org_id !== actor.orgId) throw notFound();
  return d;
}

export async function accessGroup(q: Queryable, actor: Actor, id: string) {
  const g = await groupById(q, id);
  if (!g || g.org_id !== actor.orgId) throw notFound();
  return g;
}
