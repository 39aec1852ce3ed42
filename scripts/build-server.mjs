// Bundles the server's TypeScript (and the workspace contract) into server/dist/main.js, so the
// production process runs plain JavaScript: faster start and ~50 MiB less memory than tsx.
// npm dependencies stay external (resolved from node_modules at run time).
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync('server/package.json', 'utf8'));
const external = Object.keys(pkg.dependencies).filter((d) => !d.startsWith('@mailroom/'));
await build({
  entryPoints: ['server/src/main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: 'server/dist/main.js',
  external: [...external, 'pg-native'],
  sourcemap: 'linked',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
