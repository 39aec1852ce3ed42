import type { Db } from '../platform/db/index.ts';

/** The first organisation (the one `mailroom start` creates); the CLI works on it. */
export async function defaultOrgId(db: Db) {
  const { rows } = await db.query<{ id: string }>('select id from orgs order by created_at, id limit 1');
  if (rows[0]) return rows[0].id;
  const created = await db.query<{ id: string }>(`insert into orgs (name) values ('Mailroom') returning id`);
  return created.rows[0].id;
}
