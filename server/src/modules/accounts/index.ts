export { accountRoutes } from './routes.ts';
export { syncAccount, requestSync } from './sync/run.ts';
export { AccountWatcher } from './watcher.ts';
export { sendFromAccount } from './commands/send-from-account.ts';
export { oauthClient } from './oauth/clients.ts';
export { openFlow } from './oauth/flow.ts';
export { refreshTokens, type TokenSet } from './oauth/tokens.ts';
