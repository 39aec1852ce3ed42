import { parseArgs } from 'node:util';
import { loadConfig } from '../config/index.ts';
import { migrate, openDb } from '../platform/db/index.ts';
import { createApiKey } from '../modules/auth/index.ts';
import { defaultOrgId } from './org.ts';

/** `mailroom apikey create --name "ERP"`: prints the key once; only its hash is stored. */
export async function apikeyCreate(argv: string[]) {
  const { values } = parseArgs({ args: argv, options: { name: { type: 'string' } } });
  if (!values.name?.trim()) throw new Error('Give the key a name: mailroom apikey create --name "ERP"');
  const db = await openDb(loadConfig());
  try {
    await migrate(db);
    const { key, row } = await createApiKey({ db }, await defaultOrgId(db), values.name.trim(), null);
    process.stdout.write(`API key "${row.name}" (${row.prefix}) created. Store it now; it is not shown again:\n${key}\n`);
  } finally {
    await db.close();
  }
}
