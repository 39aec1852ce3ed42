import { parseArgs } from 'node:util';
import { CreateUser } from '@mailroom/contract';
import { loadConfig } from '../config/index.ts';
import { migrate, openDb } from '../platform/db/index.ts';
import { randomToken } from '../modules/auth/tokens.ts';
import { createUser } from '../modules/users/index.ts';
import { defaultOrgId } from './org.ts';

/** `mailroom user add --login anna --name "Anna Nowak" [--password …] [--admin] [--language pl]` */
export async function userAdd(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      login: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      admin: { type: 'boolean', default: false },
      language: { type: 'string', default: 'en' },
      'time-zone': { type: 'string', default: 'UTC' },
    },
  });
  const password = values.password ?? randomToken(12);
  const input = CreateUser.safeParse({
    login: values.login, name: values.name ?? values.login, password,
    role: values.admin ? 'administrator' : 'user', language: values.language, timeZone: values['time-zone'],
  });
  if (!input.success) throw new Error(`Invalid user: ${input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const config = loadConfig();
  const db = await openDb(config);
  try {
    await migrate(db);
    const user = await createUser({ db, config }, await defaultOrgId(db), input.data);
    process.stdout.write(`Created ${user.role} "${user.login}" <${user.email}>${values.password ? '' : ` with password ${password}`}\n`);
  } finally {
    await db.close();
  }
}
