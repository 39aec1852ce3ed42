export { accountRoutes } from './routes.ts';
export { syncAccount, requestSync } from './sync/run.ts';
export { AccountWatcher } from './watcher.ts';
export { sendFromAccount } from './commands/send-from-account.ts';
