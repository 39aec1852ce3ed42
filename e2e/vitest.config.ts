import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** End-to-end specs: a real server process and a real Chromium. Run from the repository root. */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    environment: 'node',
    include: ['e2e/specs/**/*.spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    reporters: ['default'],
  },
});
