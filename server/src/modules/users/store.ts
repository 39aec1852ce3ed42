import { containsPattern, type Queryable } from '../../platform/db/index.ts';

export interface UserRow {
  id: string;
  org_id: string;
  login: string;
  name: string;
  email: string;
  password_hash: string | null;
  role: 'administrator' | 'user';
  language: 'ru' | 'en' | 'pl';
  time_zone: string;
  send_key: 'enter' | 'ctrl-enter';
  department_id: string | null;
  department_name: string | null;
  active: boolean;
  created_at: Date;
}

export const USER_COLUMNS = `u.id, u.org_id, u.login, u.name, u.email, u.password_hash, u.role, u.language, u.time_zone,
  u.send_key, u.department_id, d.name as department_name, u.active, u.created_at`;
const FROM = 'users u left join departments d on d.id = u.department_id';

export async function userById(q: Queryable, id: string): Promise<UserRow | null> {
  const { rows } = await q.query<UserRow>(`select ${USER_COLUMNS} from ${FROM} where u.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function userByLogin(q: Queryable, login: string): Promise<UserRow | null> {
  const { rows } = await q.query<UserRow>(`select ${USER_COLUMNS} from ${FROM} where u.login = $1`, [login]);
  return rows[0] ?? null;
}

export async function insertUser(
  q: Queryable,
  u: { orgId: string; login: string; name: string; email: string; passwordHash: string | null; role: string; language: string; timeZone: string; departmentId: string | null },
) {
  const { rows } = await q.query<{ id: string }>(
    `insert into users (org_id, login, name, email, password_hash, role, language, time_zone, department_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict do nothing returning id`,
    [u.orgId, u.login, u.name, u.email, u.passwordHash, u.role, u.language, u.timeZone, u.departmentId],
  );
  return rows[0]?.id ?? null;
}

const updatable = { name: 'name', role: 'role', departmentId: 'department_id', active: 'active', passwordHash: 'password_hash', language: 'language', timeZone: 'time_zone', sendKey: 'send_key' } as const;
export type UserPatch = Partial<Record<keyof typeof updatable, unknown>>;

export async function updateUserRow(q: Queryable, id: string, patch: UserPatch) {
  const sets: string[] = [];
  const params: unknown[] = [id];
  for (const [k, col] of Object.entries(updatable)) {
    const v = patch[k as keyof typeof updatable];
    if (v === undefined) continue;
    params.push(v);
    sets.push(`${col} = $${params.length}`);
  }
  if (!sets.length) return;
  await q.query(`update users set ${sets.join(', ')}, updated_at = now() where id = $1`, params);
}

export async function searchUsers(q: Queryable, orgId: string, opts: { q?: string; departmentId?: string; ids?: string[]; limit: number; after?: [string, string] }) {
  const params: unknown[] = [orgId];
  const where = ['u.org_id = $1'];
  if (opts.q) {
    params.push(containsPattern(opts.q));
    const p = `$${params.length}`;
    where.push(`(lower(u.name) like ${p} or u.login like ${p} or lower(u.email) like ${p} or lower(coalesce(d.name, '')) like ${p})`);
  }
  if (opts.departmentId) {
    params.push(opts.departmentId);
    where.push(`u.department_id = $${params.length}`);
  }
  if (opts.ids) {
    params.push(opts.ids);
    where.push(`u.id = any($${params.length}::uuid[])`);
  }
  if (opts.after) {
    params.push(opts.after[0], opts.after[1]);
    where.push(`(lower(u.name), u.id) > ($${params.length - 1}, $${params.length}::uuid)`);
  }
  params.push(opts.limit + 1);
  const { rows } = await q.query<UserRow>(
    `select ${USER_COLUMNS} from ${FROM} where ${where.join(' and ')} order by lower(u.name), u.id limit $${params.length}`,
    params,
  );
  return rows;
}

/** Users of the org among the given ids (to validate member lists). */
export async function existingUserIds(q: Queryable, orgId: string, ids: string[]) {
  if (!ids.length) return [];
  const { rows } = await q.query<{ id: string }>('select id from users where org_id = $1 and id = any($2::uuid[])', [orgId, ids]);
  return rows.map((r) => r.id);
}
