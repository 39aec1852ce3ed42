import type { Deps } from '../../deps.ts';
import { hashPassword } from '../users/index.ts';
import { randomToken } from './tokens.ts';

/**
 * On a first start with no users: creates the organisation and an administrator.
 * Returns the credentials to print, or null when people already exist.
 */
export async function ensureFirstAdmin(deps: Pick<Deps, 'db' | 'config'>) {
  const { adminLogin, adminPassword, mailDomain } = deps.config;
  const password = adminPassword ?? randomToken(12);
  const passwordHash = await hashPassword(password);
  return deps.db.tx(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(727002)');
    const { rows } = await tx.query('select 1 from users limit 1');
    if (rows.length) return null;
    const org = await tx.query<{ id: string }>(`insert into orgs (name) values ('Mailroom') returning id`);
    await tx.query(
      `insert into users (org_id, login, name, email, password_hash, role) values ($1, $2, 'Administrator', $3, $4, 'administrator')`,
      [org.rows[0].id, adminLogin, `${adminLogin}@${mailDomain}`, passwordHash],
    );
    return { login: adminLogin, password, generated: !adminPassword };
  });
}
