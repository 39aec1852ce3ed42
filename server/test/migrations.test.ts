import { describe, expect, it } from 'vitest';
import { listMigrations, migrate } from '../src/platform/db/index.ts';
import { openTestDb } from './harness/db.ts';

describe('migrations', () => {
  it('are all applied, in order, and a second run applies nothing', async () => {
    const t = await openTestDb();
    try {
      const files = listMigrations();
      expect(files.length).toBeGreaterThan(0);
      const { rows } = await t.db.query<{ version: number }>('select version from schema_migrations order by version');
      expect(rows.map((r) => r.version)).toEqual(files.map((f) => f.version));
      expect(await migrate(t.db)).toEqual([]);
      expect(await Promise.all([migrate(t.db), migrate(t.db)])).toEqual([[], []]);
      const tables = await t.db.query<{ t: string }>(`select table_name as t from information_schema.tables where table_schema = 'public'`);
      for (const name of ['users', 'sessions', 'api_keys', 'objects', 'object_grants', 'events', 'jobs']) expect(tables.rows.map((r) => r.t)).toContain(name);
    } finally {
      await t.drop();
    }
  });

  it('apply from scratch on an empty database, concurrently from two callers, each once', async () => {
    const t = await openTestDb();
    try {
      await t.db.exec('drop schema public cascade; create schema public;');
      const [a, b] = await Promise.all([migrate(t.db), migrate(t.db)]);
      expect([...a, ...b].sort()).toEqual(listMigrations().map((m) => m.name));
    } finally {
      await t.drop();
    }
  });
});
