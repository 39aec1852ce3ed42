import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config/index.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import type { Db } from './types.ts';

export type { Db, Tx, Queryable, QueryResult } from './types.ts';
export { migrate, listMigrations } from './migrate.ts';
export { containsPattern } from './like.ts';
export { openPglite, openPostgres };

/** PostgreSQL when DATABASE_URL is set, else embedded PGlite under DATA_DIR/pglite. */
export async function openDb(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'databasePoolSize' | 'pgliteSharedBuffersMb'>, onError?: (e: Error) => void): Promise<Db> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config.databasePoolSize, onError);
  const dir = join(config.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  return openPglite(dir, { sharedBuffersMb: config.pgliteSharedBuffersMb });
}
