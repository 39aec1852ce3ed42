import type { Db } from '../../platform/db/index.ts';
import { randomToken } from './tokens.ts';

/** The signing secret: SECRET_KEY when set, else one generated once and kept in the database (shared by all processes). */
export async function loadSecret(db: Db, configured?: string): Promise<Uint8Array> {
  if (configured) return new TextEncoder().encode(configured);
  await db.query(`insert into server_secrets (name, value) values ('user-token', $1) on conflict (name) do nothing`, [randomToken(48)]);
  const { rows } = await db.query<{ value: string }>(`select value from server_secrets where name = 'user-token'`);
  return new TextEncoder().encode(rows[0].value);
}
