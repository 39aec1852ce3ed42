import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The server package's folder. This file sits one level below it both as source (server/src)
 * and when bundled (server/dist/main.js), so paths derived here hold in both.
 */
export const serverRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = join(serverRoot, '..');
export const migrationsDir = join(serverRoot, 'migrations');
