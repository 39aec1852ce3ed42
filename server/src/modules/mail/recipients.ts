import type { Party } from '@mailroom/contract';
import { containsPattern, type Queryable } from '../../platform/db/index.ts';

/** Compose auto-complete: people, then groups, then departments of the organisation whose names match. */
export async function suggestRecipients(q: Queryable, orgId: string, text: string, limit: number): Promise<Party[]> {
  const p = containsPattern(text);
  const people = await q.query<{ id: string; name: string; email: string }>(
    `select u.id, u.name, u.email from users u left join departments d on d.id = u.department_id
      where u.org_id = $1 and u.active and (lower(u.name) like $2 or u.login like $2 or lower(u.email) like $2 or lower(coalesce(d.name, '')) like $2)
      order by lower(u.name), u.id limit $3`,
    [orgId, p, limit],
  );
  const groups = await q.query<{ id: string; name: string }>('select id, name from groups where org_id = $1 and lower(name) like $2 order by lower(name) limit $3', [orgId, p, limit]);
  const depts = await q.query<{ id: string; name: string }>('select id, name from departments where org_id = $1 and lower(name) like $2 order by lower(name) limit $3', [orgId, p, limit]);
  return [
    ...people.rows.map((r) => ({ kind: 'user' as const, id: r.id, name: r.name, email: r.email })),
    ...groups.rows.map((r) => ({ kind: 'group' as const, id: r.id, name: r.name, email: null })),
    ...depts.rows.map((r) => ({ kind: 'department' as const, id: r.id, name: r.name, email: null })),
  ].slice(0, limit);
}
