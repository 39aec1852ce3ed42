#!/usr/bin/env node
// Runs the TypeScript CLI through tsx (installed with the workspace).
import { register } from 'tsx/esm/api';
register();
await import('../src/main.ts');
