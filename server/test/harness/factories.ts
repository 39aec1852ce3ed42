import { randomBytes } from 'node:crypto';
import type { Deps } from '../../src/deps.ts';
import { createApiKey } from '../../src/modules/auth/index.ts';
import { createUser } from '../../src/modules/users/index.ts';

export const PASSWORD = 'correct-horse-9';
const suffix = () => randomBytes(4).toString('hex');

/** Each test makes its own organisation instead of wiping the database. */
export async function makeOrg(deps: Pick<Deps, 'db'>, name = 'Test org') {
  const { rows } = await deps.db.query<{ id: string }>('insert into orgs (name) values ($1) returning id', [name]);
  return rows[0].id;
}

export async function makeUser(
  deps: Pick<Deps, 'db' | 'config'>,
  orgId: string,
  o: { login?: string; name?: string; role?: 'administrator' | 'user'; departmentId?: string | null; language?: 'ru' | 'en' | 'pl' } = {},
) {
  const login = o.login ?? `u${suffix()}`;
  return createUser(deps, orgId, {
    login, name: o.name ?? `User ${login}`, password: PASSWORD, role: o.role ?? 'user', language: o.language ?? 'en', timeZone: 'UTC', departmentId: o.departmentId ?? null,
  });
}

export async function makeApiKey(deps: Pick<Deps, 'db'>, orgId: string) {
  return (await createApiKey(deps, orgId, `key ${suffix()}`, null)).key;
}

export async function makeDepartment(deps: Pick<Deps, 'db'>, orgId: string, name: string, parentId: string | null = null) {
  const { rows } = await deps.db.query<{ id: string }>('insert into departments (org_id, name, parent_id) values ($1, $2, $3) returning id', [orgId, name, parentId]);
  return rows[0].id;
}

/** A world of two organisations: admin and two users in the first, one user in the second. */
export async function makeWorld(deps: Pick<Deps, 'db' | 'config'>) {
  const org = await makeOrg(deps);
  const other = await makeOrg(deps, 'Other org');
  const admin = await makeUser(deps, org, { role: 'administrator' });
  const alice = await makeUser(deps, org, { name: 'Alice Smith' });
  const bob = await makeUser(deps, org, { name: 'Bob Jones' });
  const stranger = await makeUser(deps, other, { name: 'Stranger' });
  const apiKey = await makeApiKey(deps, org);
  const otherKey = await makeApiKey(deps, other);
  return { org, other, admin, alice, bob, stranger, apiKey, otherKey };
}
