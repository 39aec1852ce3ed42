import type { Queryable } from '../../platform/db/index.ts';

export interface ObjectRow {
  id: string;
  org_id: string;
  type: string;
  external_id: string;
  title: string;
  url: string | null;
  access_mode: 'list' | 'callback';
  callback_url: string | null;
  updated_at: Date;
}

const COLS = 'id, org_id, type, external_id, title, url, access_mode, callback_url, updated_at';

export async function objectByRef(q: Queryable, orgId: string, type: string, externalId: string) {
  const { rows } = await q.query<ObjectRow>(`select ${COLS} from objects where org_id = $1 and type = $2 and external_id = $3`, [orgId, type, externalId]);
  return rows[0] ?? null;
}

export async function upsertObject(
  q: Queryable,
  o: { orgId: string; type: string; externalId: string; title: string; url: string | null; mode: 'list' | 'callback'; callbackUrl: string | null },
) {
  const { rows } = await q.query<ObjectRow>(
    `insert into objects (org_id, type, external_id, title, url, access_mode, callback_url) values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (org_id, type, external_id) do update set title = excluded.title, url = excluded.url,
       access_mode = excluded.access_mode, callback_url = excluded.callback_url, updated_at = now()
     returning ${COLS}`,
    [o.orgId, o.type, o.externalId, o.title, o.url, o.mode, o.callbackUrl],
  );
  return rows[0];
}

export async function replaceGrants(q: Queryable, objectId: string, grants: { kind: 'user' | 'group' | 'department'; ids: string[] }[]) {
  await q.query('delete from object_grants where object_id = $1', [objectId]);
  for (const g of grants) {
    if (!g.ids.length) continue;
    await q.query('insert into object_grants (object_id, principal_kind, principal_id) select $1, $2, unnest($3::uuid[]) on conflict do nothing', [
      objectId,
      g.kind,
      g.ids,
    ]);
  }
}

/** May this user see a list-mode object: named directly, through a group, or through their department or one above it. */
export async function listAllows(q: Queryable, objectId: string, userId: string) {
  const { rows } = await q.query(
    `with recursive up as (
       select department_id as id from users where id = $2 and department_id is not null
       union select d.parent_id from departments d join up on d.id = up.id where d.parent_id is not null)
     select 1 from object_grants g where g.object_id = $1 and (
          (g.principal_kind = 'user' and g.principal_id = $2)
       or (g.principal_kind = 'group' and g.principal_id in (select group_id from group_members where user_id = $2))
       or (g.principal_kind = 'department' and g.principal_id in (select id from up)))
     limit 1`,
    [objectId, userId],
  );
  return rows.length > 0;
}

/** Everyone a list-mode object's grants reach (active people only). */
export async function listRecipients(q: Queryable, objectId: string) {
  const { rows } = await q.query<{ id: string }>(
    `with recursive down as (
       select principal_id as id from object_grants where object_id = $1 and principal_kind = 'department'
       union select d.id from departments d join down on d.parent_id = down.id)
     select u.id from users u where u.active and (
          u.id in (select principal_id from object_grants where object_id = $1 and principal_kind = 'user')
       or u.id in (select m.user_id from group_members m join object_grants g on g.principal_id = m.group_id and g.principal_kind = 'group' where g.object_id = $1)
       or u.department_id in (select id from down))`,
    [objectId],
  );
  return rows.map((r) => r.id);
}

/** Which of the given ids are not the organisation's (users, groups or departments). */
export async function foreignIds(q: Queryable, orgId: string, table: 'users' | 'groups' | 'departments', ids: string[]) {
  if (!ids.length) return [];
  const { rows } = await q.query<{ id: string }>(`select id from ${table} where org_id = $1 and id = any($2::uuid[])`, [orgId, ids]);
  const ok = new Set(rows.map((r) => r.id));
  return ids.filter((id) => !ok.has(id));
}

/** Changes to one object go one at a time (who had access before is read consistently). */
export async function lockObject(q: Queryable, orgId: string, type: string, externalId: string) {
  await q.query('select pg_advisory_xact_lock(727005, hashtext($1))', [`${orgId}/${type}/${externalId}`]);
}
