import type { Deps } from '../../deps.ts';
import type { Queryable } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors/index.ts';
import type { UserActor } from '../../platform/http/actor.ts';
import { accessObject } from '../objects/index.ts';
import { listRecipients } from '../objects/store.ts';
import { discussionById, memberIds, type DiscussionRow } from './store.ts';

export type AccessDeps = Pick<Deps, 'db' | 'config' | 'fetch' | 'now' | 'log'>;

/**
 * The one decision on whether a person may see a discussion: a contextual one follows its business
 * object (`accessObject`, so a revoked access ends it within the callback cache time); a group or
 * direct one needs membership. Anything else answers NOT_FOUND, like an unknown id.
 */
export async function accessDiscussion(deps: AccessDeps, actor: UserActor, id: string, q: Queryable = deps.db, lock = false): Promise<DiscussionRow> {
  return (await accessWithMembers(deps, actor, id, q, lock)).d;
}

/**
 * `accessDiscussion` that also gives a group's or dialog's members (its audience), read once:
 * posting needs both.
 */
export async function accessWithMembers(deps: AccessDeps, actor: UserActor, id: string, q: Queryable = deps.db, lock = false) {
  const d = await discussionById(q, actor.orgId, id, lock);
  if (!d) throw notFound();
  if (d.kind === 'object') {
    await accessObject(deps, actor, { type: d.object_type!, id: d.object_external_id! }, q);
    return { d, members: null };
  }
  const members = await memberIds(q, d.id);
  if (!members.includes(actor.userId)) throw notFound();
  return { d, members };
}

/** May this person (by id) see the discussion now? For fan-out: a person named by id, not the caller. */
async function maySee(deps: AccessDeps, q: Queryable, d: DiscussionRow, user: { id: string; login: string; role: 'administrator' | 'user' }) {
  const actor: UserActor = { kind: 'user', userId: user.id, orgId: d.org_id, login: user.login, role: user.role, via: 'session' };
  try {
    await accessDiscussion(deps, actor, d.id, q);
    return true;
  } catch {
    return false;
  }
}

/**
 * Who receives a discussion's events now: the members of a group or direct one; for a contextual
 * one, the people who have it in their list (opened it, wrote, were mentioned) and may still see
 * the object — so a person whose access was revoked receives nothing more of it.
 */
export async function audienceOf(deps: AccessDeps, q: Queryable, d: DiscussionRow): Promise<string[]> {
  if (d.kind !== 'object') return memberIds(q, d.id);
  const { rows } = await q.query<{ id: string; login: string; role: 'administrator' | 'user' }>(
    `select u.id, u.login, u.role from discussion_states s join users u on u.id = s.user_id where s.discussion_id = $1 and u.active`,
    [d.id],
  );
  const { rows: mode } = await q.query<{ access_mode: string }>('select access_mode from objects where id = $1', [d.object_id]);
  if (mode[0]?.access_mode === 'list') {
    const allowed = new Set(await listRecipients(q, d.object_id!));
    return rows.filter((r) => allowed.has(r.id)).map((r) => r.id);
  }
  const out: string[] = [];
  for (const r of rows) if (await maySee(deps, q, d, r)) out.push(r.id);
  return out;
}
