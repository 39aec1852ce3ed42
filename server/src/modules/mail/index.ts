export { mailRoutes } from './routes.ts';
export { sendMessage } from './commands/send-message.ts';
export { runMailRetention } from './commands/run-retention.ts';
export { parseMime, type ParsedMail } from './mime.ts';
export { flushOutsideSearch, storeExternal, storeExternalMany } from './commands/store-external.ts';
export { buildSearchDocs } from './search-doc.ts';
export { composeFields } from './commands/compose-fields.ts';
export { roleFolder } from './folders-store.ts';
export { ensureSystemFolders } from './folders-store.ts';
