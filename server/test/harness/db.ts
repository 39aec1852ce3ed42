import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openPglite, openPostgres, type Db } from '../../src/platform/db/index.ts';
import { withDatabase } from './global-setup.ts';

export const onPostgres = () => Boolean(process.env.TEST_DATABASE_URL);

export interface TestDb {
  db: Db;
  /** The PostgreSQL connection string (PostgreSQL runs only): other processes may connect. */
  url: string | null;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file: PGlite from the template dump, or a PostgreSQL clone. */
export async function openTestDb(): Promise<TestDb> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    const dump = new Blob([readFileSync(inject('pgliteTemplate'))]);
    const db = await openPglite(undefined, { template: dump });
    return { db, url: null, drop: () => db.close() };
  }
  const name = `mr_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name} template ${inject('postgresTemplate')}`);
  await admin.end();
  const url = withDatabase(base, name);
  const db = await openPostgres(url, 5);
  return {
    db,
    url,
    async drop() {
      await db.close();
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
