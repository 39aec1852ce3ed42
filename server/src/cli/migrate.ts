import { loadConfig } from '../config/index.ts';
import { migrate, openDb } from '../platform/db/index.ts';

/** `mailroom migrate`: applies pending migrations and exits. */
export async function migrateCommand() {
  const db = await openDb(loadConfig());
  try {
    const applied = await migrate(db);
    process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n');
  } finally {
    await db.close();
  }
}
