import { apikeyCreate } from './cli/apikey-create.ts';
import { configCommand } from './cli/config.ts';
import { migrateCommand } from './cli/migrate.ts';
import { start } from './cli/start.ts';
import { userAdd } from './cli/user-add.ts';

const usage = `Usage: mailroom <command>
  start                 serve the product (HTTP, WebSocket, workers); migrates first
  migrate               apply database migrations and exit
  user add --login L [--name N] [--password P] [--admin] [--language ru|en|pl]
  apikey create --name N
  config                list every setting with its default and description
`;

const [cmd, sub, ...rest] = process.argv.slice(2);
const run = async () => {
  if (cmd === 'start' || cmd === undefined) return start();
  if (cmd === 'migrate') return migrateCommand();
  if (cmd === 'user' && sub === 'add') return userAdd(rest);
  if (cmd === 'apikey' && sub === 'create') return apikeyCreate(rest);
  if (cmd === 'config') return configCommand();
  process.stdout.write(usage);
  process.exitCode = cmd === 'help' || cmd === '--help' ? 0 : 2;
};
run().catch((e) => {
  process.stderr.write(`mailroom: ${(e as Error).message}\n`);
  process.exit(1);
});
