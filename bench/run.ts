// `npm run bench -- NAME`: runs bench/NAME.ts, which prints one JSON object per figure on stdout and nothing else.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const name = process.argv[2];
const here = import.meta.dirname;
const available = readdirSync(here).filter((f) => f.endsWith('.ts') && f !== 'run.ts').map((f) => f.slice(0, -3));
if (!name || !existsSync(join(here, `${name}.ts`))) {
  process.stderr.write(`Usage: npm run bench -- <name>\nAvailable: ${available.join(', ')}\n`);
  process.exit(2);
}
await import(join(here, `${name}.ts`));
