export { authRoutes } from './routes.ts';
export { createAuthenticator } from './authenticator.ts';
export { ensureFirstAdmin } from './bootstrap.ts';
export { loadSecret } from './secret.ts';
export { createApiKey } from './commands/create-api-key.ts';
export { login } from './commands/login.ts';
