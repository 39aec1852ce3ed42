import type { Queryable } from '../../platform/db/index.ts';

export interface DepartmentRow { id: string; org_id: string; name: string; parent_id: string | null; member_count: number }
export interface GroupRow { id: string; org_id: string; name: string; member_ids: string[] }

export async function listDepartments(q: Queryable, orgId: string) {
  const { rows } = await q.query<DepartmentRow>(
    `select d.id, d.org_id, d.name, d.parent_id, (select count(*)::int from users u where u.department_id = d.id) as member_count
       from departments d where d.org_id = $1 order by lower(d.name), d.id`,
    [orgId],
  );
  return rows;
}

export async function departmentById(q: Queryable, id: string) {
  const { rows } = await q.query<DepartmentRow>(
    `select d.id, d.org_id, d.name, d.parent_id, (select count(*)::int from users u where u.department_id = d.id) as member_count
       from departments d where d.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** The department and all its ancestors (to refuse cycles when moving). */
export async function departmentAncestors(q: Queryable, id: string) {
  const { rows } = await q.query<{ id: string }>(
    `with recursive up as (select id, parent_id from departments where id = $1
       union select d.id, d.parent_id from departments d join up on d.id = up.parent_id)
     select id from up`,
    [id],
  );
  return rows.map((r) => r.id);
}

export async function groupById(q: Queryable, id: string) {
  const { rows } = await q.query<GroupRow>(
    `select g.id, g.org_id, g.name, coalesce(array_agg(m.user_id order by m.user_id) filter (where m.user_id is not null), '{}') as member_ids
       from groups g left join group_members m on m.group_id = g.id where g.id = $1 group by g.id`,
    [id],
  );
  return rows[0] ?? null;
}

export async function listGroups(q: Queryable, orgId: string) {
  const { rows } = await q.query<GroupRow>(
    `select g.id, g.org_id, g.name, coalesce(array_agg(m.user_id order by m.user_id) filter (where m.user_id is not null), '{}') as member_ids
       from groups g left join group_members m on m.group_id = g.id where g.org_id = $1 group by g.id order by lower(g.name), g.id`,
    [orgId],
  );
  return rows;
}

export async function setGroupMembers(q: Queryable, groupId: string, userIds: string[]) {
  await q.query('delete from group_members where group_id = $1 and not (user_id = any($2::uuid[]))', [groupId, userIds]);
  await q.query(
    'insert into group_members (group_id, user_id) select $1, unnest($2::uuid[]) on conflict do nothing',
    [groupId, userIds],
  );
}
